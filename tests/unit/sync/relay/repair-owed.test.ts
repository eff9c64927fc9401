import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as wire from '../../../../src/protocol/index.ts'
import { REPAIR_WINDOW_MS } from '../../../../src/sync/relay/snapshots.ts'
import { newcomerReads } from '../../fixtures/phone.ts'
import { removeStandIn, sleep, startServer, tempDir, until, type Server } from '../../fixtures/relay.ts'
import { hostileProxy } from './hostile-proxy.ts'
import { EMPTY, mallory } from './mallory.ts'
import { phone, relayHolds, saved, write, type Phone } from './phones.ts'

/**
 * A phone that finds the relay's snapshot short counts what it lacks as held, "with a repair on its way", and saves
 * that in its cursor. The repair was dropped for good when this phone had repaired the room in the last window, or
 * when it failed: the next join asks from that snapshot's seq, so it never came back to be checked again. Mallory
 * (a member) uploads a short snapshot right after Ana's repair; once the kept history expires (here at the room's
 * next write), no relay copy held Ana's records.
 */
let server: Server
let proxy: Awaited<ReturnType<typeof hostileProxy>>
beforeAll(async () => {
  server = await startServer({ HEARTH_DATA: tempDir('owed'), RELAY_KEEP_MS: '1' })
  proxy = await hostileProxy(server.relay)
}, 30_000)
afterAll(async () => { await proxy.close(); await server.stop(); removeStandIn() })

const titles = ['rec0', 'rec1', 'rec2', 'rec3']
const again = (p: Phone, secret: string) => phone(proxy.url, secret, 'ana', p.store, p.doc)
/** time passes on Ana's phone: her last repair was longer ago than the window */
const windowOver = (p: Phone) => p.store.set('relay-repaired', Date.now() - REPAIR_WINDOW_MS - 1000)
/** Ana opens the room once her window is over: what the relay's copy holds then, and (the history gone) what a newcomer reads */
const afterTheWindow = async (ana: Phone, mal: { push: () => Promise<unknown>; close: () => void }, secret: string) => {
  await windowOver(ana)
  const later = again(ana, secret)
  const held = await relayHolds(server.relay, secret, 4)
  later.sync.destroy()
  await mal.push()
  mal.close()
  return { held, read: await newcomerReads(server, secret, 4) }
}
const uploads = (from: number) => proxy.sent.slice(from).filter((s) => s.who === 'ana' && s.op === wire.Op.Snapshot).length

/** Ana's four records in a room Mallory opened (so its copy on the relay is the one Ana's cursor names), then saved */
const written = async (secret: string) => {
  const mal = await mallory(server.relay, secret)
  await mal.push()
  const ana = phone(proxy.url, secret, 'ana')
  for (const t of titles) write(ana.doc, t)
  await saved(ana)
  ana.sync.destroy()
  await mal.push()
  return { ana, mal }
}

/** …and Mallory's empty snapshot, which Ana comes back and repairs: her window starts */
const repairedOnce = async (secret: string) => {
  const { ana, mal } = await written(secret)
  expect((await mal.snapshot(EMPTY)).op).toBe(wire.Op.Ack)
  const before = proxy.sent.length
  const back = again(ana, secret)
  await until(() => uploads(before) === 1, 20_000)
  expect(await relayHolds(server.relay, secret, 4)).toEqual(titles)
  back.sync.destroy()
  return { ana, mal }
}

describe('a repair owed for a short snapshot', () => {
  it('found within the window after this phone’s last repair, is made once the window is over, after a reload', { timeout: 90_000 }, async () => {
    const secret = `owed window ${Math.random()}`
    const { ana, mal } = await repairedOnce(secret)
    // Mallory's empty snapshot again, right after Ana's repair; Ana opens the room within her window
    await mal.push()
    expect((await mal.snapshot(EMPTY)).op).toBe(wire.Op.Ack)
    const inWindow = again(ana, secret)
    await saved(inWindow)
    await sleep(10_000) // long enough for a repair's random delay and its claim
    inWindow.sync.destroy()
    await mal.push() // the kept history (Ana's repair) goes with the room's next write
    const { held, read } = await afterTheWindow(ana, mal, secret)
    expect(held).toEqual(titles)
    expect(read).toEqual(titles)
  })

  it('whose upload fails is made again, not dropped', { timeout: 90_000 }, async () => {
    const secret = `owed failed ${Math.random()}`
    const { ana, mal } = await written(secret)
    expect((await mal.snapshot(EMPTY)).op).toBe(wire.Op.Ack)
    // the relay refuses Ana's repair upload (as one whose store is down for a moment would)
    proxy.answer = (m, who) => who === 'ana' && m.op === wire.Op.Snapshot
      ? { op: wire.Op.Error, req: m.req, code: 'unavailable', message: 'down a moment' } : null
    const before = proxy.sent.length
    const first = again(ana, secret)
    try {
      await until(() => uploads(before) >= 1, 20_000)
    } finally {
      proxy.answer = () => null
    }
    await sleep(500)
    first.sync.destroy()
    await mal.push() // the kept history goes with the room's next write
    const { held, read } = await afterTheWindow(ana, mal, secret)
    expect(held).toEqual(titles)
    expect(read).toEqual(titles)
  })

  it('found at a join is kept with the cursor that counts on it, even when the page closes before its edits are acknowledged', { timeout: 90_000 }, async () => {
    const secret = `owed closed ${Math.random()}`
    const { ana, mal } = await written(secret)
    // the relay stores what Ana pushes, its Acks never reach her: rec4 waits in her outbox as she closes the page
    proxy.tamper = (m, asked) => (m.op === wire.Op.Ack && asked?.op === wire.Op.Push ? null : m)
    const pushes = () => proxy.sent.filter((s) => s.who === 'ana' && s.op === wire.Op.Push).length
    try {
      const first = again(ana, secret)
      await until(() => first.sync.state().state === 'saved', 10_000)
      const sent = pushes()
      write(first.doc, 'rec4')
      await until(() => pushes() > sent, 10_000)
      first.sync.destroy()
      // Mallory's empty snapshot; Ana opens the room, finds it short, and her page is closed while rec4 is sent again
      // (killed: what it would still do after that never reaches its storage)
      await mal.push()
      expect((await mal.snapshot(EMPTY)).op).toBe(wire.Op.Ack)
      const again1 = pushes()
      let killed = false
      const store = { data: ana.store.data, get: ana.store.get, set: (k: string, v: unknown) => (killed ? Promise.resolve() : ana.store.set(k, v)) }
      const second = phone(proxy.url, secret, 'ana', store, ana.doc)
      await until(() => pushes() > again1, 10_000)
      await sleep(300)
      killed = true
      second.sync.destroy()
    } finally {
      proxy.tamper = (m) => m
    }
    await mal.push() // the kept history goes with the room's next write
    const later = again(ana, secret)
    const held = await relayHolds(server.relay, secret, 5)
    later.sync.destroy()
    await mal.push()
    mal.close()
    expect(held).toEqual([...titles, 'rec4'])
  })

  it('for a member who uploads a short snapshot every second costs this phone at most one upload a window, never the whole room pushed', { timeout: 180_000 }, async () => {
    const secret = `owed flood ${Math.random()}`
    const { ana, mal } = await written(secret)
    const room = proxy.sent.filter((s) => s.who === 'ana' && s.op === wire.Op.Push).reduce((n, s) => n + s.bytes, 0)
    const before = proxy.sent.length
    let open = again(ana, secret)
    // for a minute: Mallory's empty snapshot every second; Ana's socket drops, or she reloads the room, every 5 s
    for (let i = 1; i <= 60; i++) {
      await mal.push()
      expect((await mal.snapshot(EMPTY)).op).toBe(wire.Op.Ack)
      await sleep(1000)
      if (i % 10 === 5) proxy.drop()
      if (i % 10 === 0) { open.sync.destroy(); open = again(ana, secret) }
    }
    await saved(open)
    open.sync.destroy()
    const sent = proxy.sent.slice(before).filter((s) => s.who === 'ana')
    expect(sent.filter((s) => s.op === wire.Op.Snapshot).length).toBe(1)
    expect(sent.filter((s) => s.op === wire.Op.Push).reduce((n, s) => n + s.bytes, 0)).toBeLessThan(room / 2)
    // the repair Mallory's last snapshot made owed is still made, once Ana's window is over
    await mal.push() // the kept history goes with the room's next write
    await windowOver(ana)
    const later = again(ana, secret)
    const held = await relayHolds(server.relay, secret, 4)
    later.sync.destroy()
    mal.close()
    expect(held).toEqual(titles)
  })
})
