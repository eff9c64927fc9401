/**
 * Where one edit's time goes, A→B: `npx tsx tests/bench/edit-split.ts webrtc|relay [samples]`. Not part of `npm run bench`.
 * Each stage is a median over the samples, in ms from Ana's invite call:
 * - written: the signed record is in Ana's document (the records map's observer)
 * - sent: every handler of Ana's update has run (y-webrtc's send, persistence, the relay's outbox)
 * - wire: Ana's first send on a socket or data channel after the call began
 * - got: Ben's first message from a socket or data channel after it (what's left to applied is his unseal and guard)
 * - applied: the update passed Ben's guard and is in Ben's document (his records observer)
 * - handled: every handler of Ben's update has run (before his ledger starts checking it)
 * - shown: Ben's room.onChange carries the invite (what propagation.ts times)
 */
import { createRoom, person, roomLinkOf, type Person } from '../e2e/harness.ts'
import { pct } from './config.ts'
import { allOnRelay, noWebrtc } from './joins.ts'
import { startBench } from './setup.ts'

const [how = 'webrtc', n = '100'] = process.argv.slice(2)
const SAMPLES = Number(n)
const STAGES = ['written', 'sent', 'wire', 'got', 'applied', 'handled', 'shown'] as const

// stamps each page's first send and first message after split.start(): between them, the network and the relay
const wires = `(() => {
  const now = () => performance.timeOrigin + performance.now()
  for (const C of [WebSocket, RTCDataChannel]) {
    const send = C.prototype.send
    C.prototype.send = function (...a) { window.__wire ??= now(); return send.apply(this, a) }
    const d = Object.getOwnPropertyDescriptor(C.prototype, 'onmessage')
    Object.defineProperty(C.prototype, 'onmessage', { configurable: true, get() { return d.get.call(this) },
      set(f) { d.set.call(this, f && function (e) { window.__got ??= now(); return f.call(this, e) }) } })
  }
})()`

// a page's clock, as every page in this browser reads it
const watch = (p: Person) => p.page.evaluate(() => {
  // no named functions in here: tsx would wrap them in a helper the page lacks
  const room = (globalThis as any).__hearth.session().room
  const doc = room.ledger.doc
  const marks: Record<string, number>[] = []
  let cur: Record<string, number> = {}
  ;(window as any).split = { start() { cur = {}; marks.push(cur); (window as any).__wire = undefined; (window as any).__got = undefined; return performance.timeOrigin + performance.now() }, last() { return { ...cur, wire: (window as any).__wire, got: (window as any).__got } } }
  doc.getMap('records').observe(() => { cur.observed ??= performance.timeOrigin + performance.now() })
  doc.on('update', () => { cur.updated ??= performance.timeOrigin + performance.now() })
  room.onChange(() => { cur.changed ??= performance.timeOrigin + performance.now() })
})

const run = async () => {
  const b = await startBench()
  try {
    const relay = how === 'relay'
    const url = relay ? b.relayServer.url : b.server.url
    const ana = await person(b.browser, url, 'Ana', `${relay ? noWebrtc : ''};${wires}`)
    await createRoom(ana, 'Split')
    const ben = await person(b.browser, url, 'Ben', `${relay ? noWebrtc : ''};${wires}`)
    await ben.page.goto(await roomLinkOf(ana))
    await ana.page.getByText(relay ? /Connected with Ben \(via the relay\)/ : /Connected with Ben/).waitFor({ timeout: 60_000 })
    if (relay) { await allOnRelay(ana); await allOnRelay(ben) }
    await ana.page.waitForTimeout(500)
    await watch(ana)
    await watch(ben)
    const rows: Record<(typeof STAGES)[number], number>[] = []
    // PAUSE=ms between edits: whether an edit waits on what the one before left to do (rendering, the relay's Stored)
    const pause = Number(process.env.PAUSE ?? 0)
    for (let i = 0; i < SAMPLES; i++) {
      if (pause) await ana.page.waitForTimeout(pause)
      await ben.page.evaluate(() => (window as any).split.start())
      const { id, at } = await ana.page.evaluate(async (i) => {
        const h = (globalThis as any).__hearth
        const at = (window as any).split.start()
        const r = await h.commands.invite(h.session().room, 'project', { title: `Split ${i}`, text: '', skills: [] })
        return { id: r.id, at }
      }, i)
      await ben.page.waitForFunction((id) => (globalThis as any).__hearth.session().room.ledger.invites.has(id), id, { polling: 1 })
      await ben.page.waitForFunction(() => (window as any).split.last().changed, undefined, { polling: 1 })
      const a = await ana.page.evaluate(() => (window as any).split.last())
      const m = await ben.page.evaluate(() => (window as any).split.last())
      rows.push({ written: a.observed - at, sent: a.updated - at, wire: a.wire - at, got: m.got - at, applied: m.observed - at, handled: m.updated - at, shown: m.changed - at })
    }
    const out: Record<string, string> = { how, samples: String(SAMPLES) }
    for (const s of STAGES) out[s] = `p50 ${pct(rows.map((r) => r[s]), 50).toFixed(2)} p90 ${pct(rows.map((r) => r[s]), 90).toFixed(2)}`
    console.log(JSON.stringify(out))
    await ana.context.close()
    await ben.context.close()
  } finally {
    await b.stop()
  }
}
await run()
