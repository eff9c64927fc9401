import type { BrowserContext, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { decodeClient, Op, pushText } from '../../src/protocol/index.ts'
import { makeProject, openInvitation, savedOnRelay, type Person } from './harness.ts'
import { gather, setup } from './setup.ts'

const env = setup()
const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms))

/** what a person's app asks the relay to push, with the topic it is for */
const notesFrom = async (p: Person, room: string) => {
  const notes: { topic: string; data: Uint8Array }[] = []
  p.page.on('websocket', (ws) => ws.on('framesent', (f) => {
    if (typeof f.payload === 'string') return
    const m = decodeClient(new Uint8Array(f.payload))
    if (m?.op === Op.Notify) notes.push({ topic: m.topic, data: m.data })
  }))
  await p.page.reload()
  await p.page.getByRole('heading', { name: room }).waitFor()
  await savedOnRelay(p)
  return notes
}

const registrationOf = async (context: BrowserContext, page: Page) => {
  const cdp = await context.newCDPSession(page)
  const found = new Promise<string>((ok) => cdp.on('ServiceWorker.workerRegistrationUpdated', (e) => {
    const r = e.registrations.find((x) => !x.isDeleted)
    if (r) ok(r.registrationId)
  }))
  await cdp.send('ServiceWorker.enable')
  return { cdp, id: await found }
}
const shown = (page: Page) => page.evaluate(async () => (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({ title: n.title, body: n.body })))
const keptTopics = (page: Page) => page.evaluate(() => new Promise<string[]>((ok, fail) => {
  const open = indexedDB.open('hearth-push', 1)
  open.onerror = () => fail(open.error)
  open.onsuccess = () => {
    const req = open.result.transaction('rooms').objectStore('rooms').getAllKeys()
    req.onsuccess = () => { ok(req.result as string[]); open.result.close() }
  }
}))
const answer = (p: Person, label: string) => p.page.getByRole('group', { name: /Stance/ }).getByRole('button', { name: label, exact: true }).click()

describe('notifications through a removal', () => {
  it('after a re-key the removed member\'s pushes on the old topic show nothing, and notifications are on in the new room', async () => {
    const people = await gather(env, 'Commons', 'Ana', 'Ben', 'Cai')
    const [ana, ben, cai] = people
    await ben.context.grantPermissions(['notifications'], { origin: env.server.url })
    await ben.page.waitForFunction(() => !!navigator.serviceWorker?.controller, undefined, { timeout: 20_000 })
    await ben.page.getByRole('checkbox', { name: 'Notifications for this room' }).check()
    await ben.page.getByRole('alert').filter({ hasText: /could not subscribe to pushes/ }).waitFor()
    const [oldTopic] = await keptTopics(ben.page)
    expect(oldTopic).toBeTruthy()

    const fromCai = await notesFrom(cai, 'Commons')
    await makeProject(cai, 'Cai’s workshop')
    await expect.poll(() => fromCai.length, { timeout: 20_000 }).toBe(1)
    const { cdp, id } = await registrationOf(ben.context, ben.page)
    const deliver = (n: { topic: string; data: Uint8Array }) => cdp.send('ServiceWorker.deliverPushMessage', {
      origin: new URL(env.server.url).origin, registrationId: id, data: pushText(n.topic, n.data),
    })
    // before: Cai's note shows, from Cai
    await deliver(fromCai[0])
    await expect.poll(() => shown(ben.page), { timeout: 10_000 }).toEqual([{ title: 'Cai · Commons', body: 'Invites you: Cai’s workshop' }])
    const sw = ben.context.serviceWorkers()[0] ?? await ben.context.waitForEvent('serviceworker')
    const clear = () => sw.evaluate(async () => { for (const n of await (self as unknown as { registration: ServiceWorkerRegistration }).registration.getNotifications()) n.close() })
    await clear()

    // Ana proposes removing Cai; Ben agrees (Cai's block doesn't count); Ana closes it, and the room re-keys
    await ana.page.getByRole('link', { name: 'People', exact: true }).click()
    await ana.page.getByRole('button', { name: 'Propose removing Cai' }).click()
    await ana.page.getByRole('heading', { name: 'Remove Cai from this room' }).waitFor()
    await openInvitation(ben, 'Remove Cai from this room')
    await answer(ben, 'Agree')
    await answer(ana, 'Agree')
    await expect.poll(() => ana.page.evaluate(() => (globalThis as any).__hearth.session().room.invitations().find((v: any) => v.content.remove)?.tally.agree), { timeout: 20_000 }).toBe(2)
    await ana.page.getByLabel('Outcome statement').fill('Cai is removed.')
    await ana.page.getByRole('button', { name: 'Close and record the outcome' }).click()

    // Ben's phone moves its notifications: the new room's topic kept, the old one let go
    await expect.poll(async () => { const t = await keptTopics(ben.page); return t.length === 1 && t[0] !== oldTopic }, { timeout: 60_000 }).toBe(true)
    const [newTopic] = await keptTopics(ben.page)

    // Cai still holds the old room's key and proof: what he pushes there shows nothing on Ben's phone
    await deliver(fromCai[0])
    await sleep(800)
    expect(await shown(ben.page)).toEqual([])

    // in the new room, notifications are on for Ben, and Ana's notes show
    await ben.page.getByRole('link', { name: 'Back to the room' }).click()
    await ben.page.getByRole('link', { name: 'Open the new room' }).click()
    await expect.poll(() => ben.page.getByRole('checkbox', { name: 'Notifications for this room' }).isChecked(), { timeout: 20_000 }).toBe(true)
    await ana.page.getByRole('link', { name: 'Back to the room' }).click()
    await ana.page.getByRole('link', { name: 'Open the new room' }).click()
    const fromAna = await notesFrom(ana, 'Commons')
    await makeProject(ana, 'Tool library')
    await expect.poll(() => fromAna.length, { timeout: 20_000 }).toBe(1)
    expect(fromAna[0].topic).toBe(newTopic)
    // Ben's phone tells its service worker who is in the new room a moment after opening it: until then a note is dropped
    await expect.poll(async () => { await deliver(fromAna[0]); await sleep(500); return shown(ben.page) }, { timeout: 20_000 })
      .toEqual([{ title: 'Ana · Commons', body: 'Invites you: Tool library' }])
    for (const p of people) await p.context.close()
  }, 240_000)
})
