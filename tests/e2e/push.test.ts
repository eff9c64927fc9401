import type { BrowserContext, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { roomKeys, seal } from '../../src/crypto/index.ts'
import { createIdentity } from '../../src/identity/index.ts'
import { decodeClient, Op, PUSH_OPS, pushText, type ClientMessage } from '../../src/protocol/index.ts'
import { parseRoomLink } from '../../src/sync/link.ts'
import { sealNote } from '../../src/sync/push/note.ts'
import { makeProject, makeProposal, openInvitation, roomLinkOf, savedOnRelay, type Person } from './harness.ts'
import { gather, setup } from './setup.ts'

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

/** the push requests a person's app makes of the relay (on its relay socket), as its device sealed and signed them */
const framesFrom = async (p: Person, room: string) => {
  const frames: ClientMessage[] = []
  p.page.on('websocket', (ws) => ws.on('framesent', (f) => {
    if (typeof f.payload === 'string') return
    const m = decodeClient(new Uint8Array(f.payload))
    if (m && PUSH_OPS.has(m.op)) frames.push(m)
  }))
  // the socket opened before the listener: open it again
  await p.page.reload()
  await p.page.getByRole('heading', { name: room }).waitFor()
  await savedOnRelay(p)
  return frames
}
const notesIn = (frames: ClientMessage[]) => frames.flatMap((m) => (m.op === Op.Notify ? [m.data] : []))
/** `2030-03-01T18:00`, local time, for a datetime-local field */
const localInput = (at: number) => {
  const d = new Date(at)
  const two = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`
}

describe('notifications', () => {
  it('a note from a member\'s device shows who it is from, checked against the room; a forged one shows nothing; a person or an invitation can be muted', async () => {
    const [ana, ben] = await gather(env, 'Hall', 'Ana', 'Ben')
    await ben.context.grantPermissions(['notifications'], { origin: env.server.url })
    await controlled(ben.page)
    const parsed = parseRoomLink(await roomLinkOf(ana))
    if (!parsed.ok) throw new Error('no room link')
    const keys = () => roomKeys(parsed.ref.secret)

    // turning notifications on: this machine has no vendor push service, so the browser can't subscribe and says so;
    // the room is kept for the service worker all the same, with who is in it
    await ben.page.getByRole('checkbox', { name: 'Notifications for this room' }).check()
    await ben.page.getByRole('alert').filter({ hasText: /could not subscribe to pushes, so notifications show only while Hearth is open/ }).waitFor()
    await expect(ben.page.getByRole('checkbox', { name: 'Notifications for this room' }).isChecked()).resolves.toBe(true)

    const frames = await framesFrom(ana, 'Hall')
    await makeProject(ana, 'Skill share')
    await makeProject(ana, 'Garden day')
    await expect.poll(() => notesIn(frames).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(2)
    const [skillNote, gardenNote] = notesIn(frames)

    await openInvitation(ben, 'Skill share')
    const inv = decodeURIComponent(new URL(ben.page.url()).hash.split('/')[4])
    await ben.page.getByRole('link', { name: 'Back to the room' }).click()
    await ben.page.getByRole('heading', { name: 'Hall' }).waitFor()

    const { cdp, id } = await registrationOf(ben.context, ben.page)
    const deliver = (sealed: Uint8Array) => cdp.send('ServiceWorker.deliverPushMessage', {
      origin: new URL(env.server.url).origin, registrationId: id, data: pushText(keys().topic, sealed),
    })
    await deliver(skillNote)
    await expect.poll(() => shown(ben.page), { timeout: 10_000 }).toEqual([{ title: 'Ana · Hall', body: 'Invites you: Skill share', path: expect.stringContaining(`/i/${inv}`) }])

    // forged: sealed with the room key (any member has it) by a device that isn't in the room, or not signed at all,
    // or sealed by another room's key: nothing shows
    const eve = await createIdentity()
    await deliver(await sealNote(keys(), { body: 'Ana says: the hall is closed', inv, at: Date.now() }, eve))
    await deliver(seal(keys(), 'push', new TextEncoder().encode(JSON.stringify({ title: 'Ana', body: 'Ana invites you: free money' }))))
    await deliver(await sealNote(roomKeys('another room entirely, 0123456789'), { body: 'Forged', at: Date.now() }, eve))

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
    expect(await shown(ben.page)).toEqual([])

    // muted on this phone: pushes about this invitation show nothing, others still do
    await ben.page.getByRole('checkbox', { name: 'Mute this invitation' }).check()
    await sleep(200)
    await deliver(skillNote)
    await sleep(500)
    expect(await shown(ben.page)).toEqual([])
    await deliver(gardenNote)
    await expect.poll(() => shown(ben.page), { timeout: 10_000 }).toEqual([expect.objectContaining({ title: 'Ana · Hall', body: 'Invites you: Garden day' })])
    await sw.evaluate(async () => { for (const n of await (self as unknown as { registration: ServiceWorkerRegistration }).registration.getNotifications()) n.close() })

    // Ben mutes Ana in this room: nothing of hers shows
    await ben.page.getByRole('link', { name: 'Back to the room' }).click()
    await ben.page.getByRole('link', { name: 'People', exact: true }).click()
    await ben.page.getByRole('checkbox', { name: 'Mute notifications from Ana' }).check()
    await sleep(200)
    await deliver(gardenNote)
    await sleep(500)
    expect(await shown(ben.page)).toEqual([])
    await ben.page.getByRole('checkbox', { name: 'Mute notifications from Ana' }).uncheck()
    await sleep(200)
    await deliver(gardenNote)
    await expect.poll(() => shown(ben.page), { timeout: 10_000 }).toEqual([expect.objectContaining({ title: 'Ana · Hall' })])
    await ben.page.setViewportSize({ width: 390, height: 844 })
    await ben.page.screenshot({ path: '/tmp/push-people.png' })
    await ana.context.close()
    await ben.context.close()
  }, 120_000)

  it('a proposal about to close: its opener\'s device schedules a note to the room a few hours before, and cancels it when withdrawn', async () => {
    const [ana, ben] = await gather(env, 'Hall', 'Ana', 'Ben')
    await ben.context.grantPermissions(['notifications'], { origin: env.server.url })
    await controlled(ben.page)
    const parsed = parseRoomLink(await roomLinkOf(ana))
    if (!parsed.ok) throw new Error('no room link')
    const keys = roomKeys(parsed.ref.secret)
    await ben.page.getByRole('checkbox', { name: 'Notifications for this room' }).check()
    await ben.page.getByRole('alert').filter({ hasText: /could not subscribe to pushes/ }).waitFor()

    const frames = await framesFrom(ana, 'Hall')
    // closing in three and a half hours: its note is for half an hour from now
    const closes = Math.ceil((Date.now() + 3.5 * 3600_000) / 60_000) * 60_000
    await makeProposal(ana, 'Budget', localInput(closes))
    const scheduled = () => frames.find((m): m is Extract<ClientMessage, { op: Op.Schedule }> => m.op === Op.Schedule)
    await expect.poll(() => !!scheduled(), { timeout: 20_000 }).toBe(true)
    const s = scheduled()!
    expect(s.topic).toBe(keys.topic)
    expect(s.at).toBe(closes - 3 * 3600_000)

    // what the relay pushes at that time, as Ben's phone gets it
    const { cdp, id } = await registrationOf(ben.context, ben.page)
    await cdp.send('ServiceWorker.deliverPushMessage', { origin: new URL(env.server.url).origin, registrationId: id, data: pushText(keys.topic, s.data) })
    await expect.poll(() => shown(ben.page), { timeout: 10_000 }).toEqual([{ title: 'Ana · Hall', body: '“Budget” closes in 3 hours', path: expect.stringContaining('/i/') }])

    // withdrawn: the same device cancels it, under the same id and owner
    ana.page.once('dialog', (d) => void d.accept())
    await ana.page.getByRole('button', { name: 'Cancel invitation' }).click()
    await expect.poll(() => frames.some((m) => m.op === Op.Cancel && m.id === s.id && m.owner === s.owner), { timeout: 20_000 }).toBe(true)
    await ana.context.close()
    await ben.context.close()
  }, 120_000)
})
