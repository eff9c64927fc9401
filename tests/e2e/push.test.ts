import type { BrowserContext, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { roomKeys } from '../../src/crypto/index.ts'
import { pushText } from '../../src/protocol/index.ts'
import { parseRoomLink } from '../../src/sync/link.ts'
import { sealNote } from '../../src/sync/push/note.ts'
import { makeProject, openInvitation, roomLinkOf } from './harness.ts'
import { setup, withRoom } from './setup.ts'

const env = setup()
const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms))

const controlled = (page: Page) => page.waitForFunction(() => !!navigator.serviceWorker?.controller, undefined, { timeout: 20_000 })

/** the page's service worker registration, as the DevTools protocol names it */
const registrationOf = async (context: BrowserContext, page: Page) => {
  const cdp = await context.newCDPSession(page)
  const found = new Promise<string>((ok) => cdp.on('ServiceWorker.workerRegistrationUpdated', (e) => {
    const r = e.registrations.find((x) => !x.isDeleted)
    if (r) ok(r.registrationId)
  }))
  await cdp.send('ServiceWorker.enable')
  return { cdp, id: await found }
}

const shown = (page: Page) => page.evaluate(async () =>
  (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({ title: n.title, body: n.body, path: (n.data as { path?: string })?.path })))

describe('notifications', () => {
  it('a push delivered to the service worker shows its text, opened with the room key, and its click opens the invitation', async () => {
    const ben = await withRoom(env, 'Hall', 'Ben')
    await ben.context.grantPermissions(['notifications'], { origin: env.server.url })
    await controlled(ben.page)
    await makeProject(ben, 'Skill share')
    await makeProject(ben, 'Garden day')
    const link = await roomLinkOf(ben)
    const parsed = parseRoomLink(link)
    if (!parsed.ok) throw new Error('no room link')
    const keys = roomKeys(parsed.ref.secret)

    // turning notifications on: this machine has no vendor push service, so the browser can't subscribe and says so;
    // the room is kept for the service worker all the same
    await ben.page.getByRole('checkbox', { name: 'Notifications for this room' }).check()
    await ben.page.getByRole('alert').filter({ hasText: /could not subscribe to pushes, so notifications show only while Hearth is open/ }).waitFor()
    await expect(ben.page.getByRole('checkbox', { name: 'Notifications for this room' }).isChecked()).resolves.toBe(true)

    await openInvitation(ben, 'Skill share')
    const inv = decodeURIComponent(new URL(ben.page.url()).hash.split('/')[4])
    await ben.page.getByRole('link', { name: 'Back to the room' }).click()
    await ben.page.getByRole('heading', { name: 'Hall' }).waitFor()

    const { cdp, id } = await registrationOf(ben.context, ben.page)
    const deliver = (body: string, about = inv) => cdp.send('ServiceWorker.deliverPushMessage', {
      origin: new URL(env.server.url).origin, registrationId: id,
      data: pushText(keys.topic, sealNote(keys, { title: 'Hall', body, inv: about })),
    })
    await deliver('Ana invites you: Skill share')
    await expect.poll(() => shown(ben.page), { timeout: 10_000 }).toEqual([{ title: 'Hall', body: 'Ana invites you: Skill share', path: expect.stringContaining(`/i/${inv}`) }])

    // a push sealed by another room's key shows nothing
    const other = roomKeys('another room entirely, 0123456789')
    await cdp.send('ServiceWorker.deliverPushMessage', { origin: new URL(env.server.url).origin, registrationId: id, data: pushText(keys.topic, sealNote(other, { title: 'Forged', body: 'x' })) })

    // the click: the service worker's own handler, given the notification it showed
    const sw = ben.context.serviceWorkers()[0] ?? await ben.context.waitForEvent('serviceworker')
    await sw.evaluate(async () => {
      const g = self as unknown as { registration: ServiceWorkerRegistration; dispatchEvent: (e: Event) => boolean; NotificationEvent: new (t: string, i: object) => Event }
      const [n] = await g.registration.getNotifications()
      g.dispatchEvent(new g.NotificationEvent('notificationclick', { notification: n }))
    })
    await ben.page.getByRole('heading', { name: 'Skill share', level: 1 }).waitFor()
    expect(ben.page.url()).toContain(`/i/${inv}`)
    await expect.poll(() => shown(ben.page)).toEqual([])
    await sleep(300)
    expect((await shown(ben.page)).map((n) => n.title)).not.toContain('Forged')

    // muted on this phone: pushes about this invitation show nothing, others still do
    await ben.page.getByRole('checkbox', { name: 'Mute this invitation' }).check()
    await sleep(200)
    await deliver('Ana commented on “Skill share”')
    await sleep(500)
    expect(await shown(ben.page)).toEqual([])
    await ben.page.getByRole('link', { name: 'Back to the room' }).click()
    await openInvitation(ben, 'Garden day')
    const garden = decodeURIComponent(new URL(ben.page.url()).hash.split('/')[4])
    await deliver('Ana answered “Garden day”', garden)
    await expect.poll(() => shown(ben.page), { timeout: 10_000 }).toEqual([expect.objectContaining({ body: 'Ana answered “Garden day”' })])
    await ben.context.close()
  }, 90_000)
})
