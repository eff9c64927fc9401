/**
 * `npm run bench`: Hearth's speed beside raw Yjs, raw y-webrtc and raw y-websocket, in one run, in real Chromium,
 * and the relay's throughput driven from Node beside a bare websocket fan-out.
 * `--smoke` runs everything with tiny sizes, so the bench cannot rot (npm test does that).
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Page } from 'playwright-core'
import { build } from 'vite'
import { blockWebrtc, createRoom, launch, person, roomLinkOf, savedOnRelay, seed, startServer, type Person } from '../e2e/harness.ts'
import { startFloor, startYws, throughput, waitForSnapshot } from './relay.ts'

const smoke = process.argv.includes('--smoke')
const N10K = smoke ? 60 : 10_000
const N100K = smoke ? 120 : 100_000
const REPS = smoke ? 1 : 5
const REPS_100K = smoke ? 1 : 3
const SAMPLES = smoke ? 10 : 200
// the relay's throughput: sockets × topics each, pushing for a while with a few pushes in flight per socket
const TP = smoke ? { clients: 3, topics: 10, seconds: 1, inflight: 2 } : { clients: 10, topics: 1000, seconds: 10, inflight: 8 }
const root = resolve(import.meta.dirname, '../..')
const out = resolve(import.meta.dirname, smoke ? 'results.smoke.json' : 'results.json')

type Stat = { median: number | null; min: number | null; max: number | null; runs: (number | null)[] }
const stat = (runs: (number | null)[]): Stat => {
  const ok = runs.filter((r): r is number => r !== null).sort((a, b) => a - b)
  const median = ok.length ? (ok.length % 2 ? ok[(ok.length - 1) / 2] : (ok[ok.length / 2 - 1] + ok[ok.length / 2]) / 2) : null
  return { median, min: ok[0] ?? null, max: ok.at(-1) ?? null, runs }
}
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]
const round = (x: number | null, d = 1) => (x === null ? null : Math.round(x * 10 ** d) / 10 ** d)
const log = (...a: unknown[]) => console.error('bench:', ...a)
// tsx keeps function names with a `__name` helper that pages don't have, so the harness's init script gets its own
const noWebrtc = blockWebrtc

// the app's build plus the bench's page code, served from one origin with signaling
const dist = mkdtempSync(join(tmpdir(), 'hearth-bench-'))
cpSync(join(root, 'dist'), dist, { recursive: true })
await build({
  configFile: false, logLevel: 'error',
  build: { outDir: join(dist, 'bench'), emptyOutDir: true, lib: { entry: resolve(import.meta.dirname, 'page.ts'), formats: ['es'], fileName: () => 'bench.js' } },
})
const server = await startServer(0, dist)
// the relay alone: no signaling, so nothing but the relay can deliver
const relayServer = await startServer(0, dist, { SIGNAL: 'off' })
const relayUrl = (s: { url: string }) => `${s.url.replace('http', 'ws')}relay`
const yws = await startYws()
const browser = await launch()
const signaling = [`${server.url.replace('http', 'ws')}signal`]
const addBench = async (page: Page) => {
  await page.addScriptTag({ url: `${server.url}bench/bench.js`, type: 'module' })
  await page.waitForFunction(() => 'bench' in window)
}
const count = (page: Page) => page.evaluate(() => (globalThis as any).__hearth.session()?.room.ledger.invites.size ?? 0)

/** ms from setting the room's hash until this page's model holds all `n` invitations, or null after 3 minutes. */
const timeJoin = (page: Page, link: string, n: number) =>
  page.evaluate(async ([hash, n]) => {
    const started = performance.now()
    location.hash = hash
    const h = (globalThis as any).__hearth
    while ((h.session()?.room.ledger.invites.size ?? 0) < n) {
      if (performance.now() - started > 180_000) return null
      await new Promise((r) => setTimeout(r, 10))
    }
    return performance.now() - started
  }, [new URL(link).hash, n] as const)

/** A new person opens the room link; ms until their model holds all `n` invitations. */
const hearthJoin = async (n: number, reps: number) => {
  const ana = await person(browser, server.url, 'Ana')
  await createRoom(ana, `Join ${n}`)
  await seed(ana, n)
  while ((await count(ana.page)) < n) await ana.page.waitForTimeout(100)
  log(`a room of ${n} is ready`)
  const link = await roomLinkOf(ana)
  const runs: (number | null)[] = []
  for (let r = 0; r < reps; r++) {
    const ben = await person(browser, server.url, `Ben ${r}`)
    const ms = await timeJoin(ben.page, link, n)
    runs.push(ms)
    log(`join ${n}: ${ms?.toFixed(0)} ms`)
    await ben.context.close()
  }
  return { ana, runs }
}

/** Until this person's room says every change is on the relay (the model's status, then the words on screen). */
const allOnRelay = async (p: Person) => {
  await p.page.waitForFunction(() => {
    const st = (globalThis as any).__hearth.session()?.status.get()
    return st?.relay === 'saved' && st.pending === 0
  }, undefined, { timeout: 180_000, polling: 100 })
  await savedOnRelay(p)
}

/**
 * Ana seeds a room, waits until it is on the relay and her client has uploaded a snapshot, and leaves. Each newcomer
 * has WebRTC blocked, and the server has no signaling: only the relay can deliver.
 */
const relayJoin = async (n: number, reps: number) => {
  const ana = await person(browser, relayServer.url, 'Ana', noWebrtc)
  await createRoom(ana, `Relay ${n}`)
  const link = await roomLinkOf(ana)
  await seed(ana, n)
  while ((await count(ana.page)) < n) await ana.page.waitForTimeout(100)
  await allOnRelay(ana)
  // her client uploads a snapshot a few seconds after a large change (none for a room as small as the smoke run's)
  const snapshot = smoke ? null : await waitForSnapshot(relayUrl(relayServer), new URLSearchParams(new URL(link).hash.split('?')[1]).get('k')!, 30_000)
  if (smoke) await ana.page.waitForTimeout(1000)
  log(`a room of ${n} is on the relay`, snapshot ? `with a snapshot at seq ${snapshot.seq} (${(snapshot.bytes / 1024).toFixed(0)} KB sealed) and ${snapshot.tail} updates after it` : 'with no snapshot')
  await ana.context.close()
  const runs: (number | null)[] = []
  for (let r = 0; r < reps; r++) {
    const ben = await person(browser, relayServer.url, `Ben ${r}`, noWebrtc)
    const ms = await timeJoin(ben.page, link, n)
    runs.push(ms)
    log(`join ${n} via the relay: ${ms?.toFixed(0)} ms`)
    await ben.context.close()
  }
  return { runs, snapshot }
}

/** The floor: the same signed state through plain y-websocket; its host leaves before anyone joins. */
const rawWsJoin = async (n: number, reps: number) => {
  const host = await browser.newContext()
  const hp = await host.newPage()
  await hp.goto(server.url)
  await addBench(hp)
  await hp.evaluate((n) => (window as any).bench.makeState(n), n)
  const name = `raw-ws-join-${n}-${Date.now()}`
  if (!(await hp.evaluate(([url, name]) => (window as any).bench.rawWsHost(url, name), [yws.url, name] as const))) throw new Error('y-websocket never synced')
  for (const until = Date.now() + 60_000; yws.size(name) < n && Date.now() < until;) await new Promise((r) => setTimeout(r, 50))
  await host.close()
  const runs: (number | null)[] = []
  for (let r = 0; r < reps; r++) {
    const ctx = await browser.newContext()
    const page = await ctx.newPage()
    await page.goto(server.url)
    await addBench(page)
    runs.push(await page.evaluate(([url, name, n]) => (window as any).bench.rawWsJoin(url, name, n, 60_000), [yws.url, name, n] as const))
    log(`raw y-websocket join ${n}: ${runs.at(-1)?.toFixed(0)} ms`)
    await ctx.close()
  }
  return runs
}

const rawJoin = async (n: number, reps: number) => {
  const host = await browser.newContext()
  const hp = await host.newPage()
  await hp.goto(server.url)
  await addBench(hp)
  await hp.evaluate((n) => (window as any).bench.makeState(n), n)
  const name = `raw-join-${n}-${Date.now()}`
  await hp.evaluate(([s, name]) => (window as any).bench.rawHost(s, name, 'raw-secret'), [signaling, name] as const)
  const runs: (number | null)[] = []
  for (let r = 0; r < reps; r++) {
    const ctx = await browser.newContext()
    const page = await ctx.newPage()
    await page.goto(server.url)
    await addBench(page)
    runs.push(await page.evaluate(([s, name, n]) => (window as any).bench.rawJoin(s, name, 'raw-secret', n, 15_000), [signaling, name, n] as const))
    log(`raw join ${n}: ${runs.at(-1)}`)
    await ctx.close()
  }
  await host.close()
  return runs
}

/** Reopens the room from IndexedDB; from opening the room until its list has rendered. */
const coldLoad = async (page: Page) => {
  const runs: number[] = []
  for (let r = 0; r < REPS; r++) {
    await page.reload()
    await page.waitForFunction(() => performance.getEntriesByName('hearth:feed-rendered').length > 0, undefined, { timeout: 120_000 })
    runs.push(await page.evaluate(() => performance.getEntriesByName('hearth:feed-rendered')[0].startTime - performance.getEntriesByName('hearth:room-open')[0].startTime))
    log(`cold load: ${runs.at(-1)!.toFixed(0)} ms`)
  }
  await addBench(page)
  await page.evaluate(() => (window as any).bench.makeState(0))
  await page.evaluate(() => { (window as any).benchState = (globalThis as any).__hearth.session().encode() })
  const raw: number[] = []
  for (let r = 0; r < REPS; r++) {
    raw.push(await page.evaluate(async () => {
      const b = (window as any).bench
      await b.makeState(0)
      return b.rawDecodeOf((window as any).benchState)
    }))
  }
  return { runs, raw }
}

const heapMB = async (page: Page) => {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('HeapProfiler.collectGarbage')
  await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize } = await cdp.send('Runtime.getHeapUsage')
  return usedSize / 1024 / 1024
}

/** ms for each of SAMPLES invitations Ana makes to show in Ben's model. */
const hearthSamples = async (ana: Person, ben: Person) => {
  await ben.page.evaluate(() => {
    const h = (globalThis as any).__hearth
    const room = h.session().room
    const seen = new Map<string, number>()
    room.onChange((c: { invites: Set<string> }) => c.invites.forEach((id) => { if (!seen.has(id)) seen.set(id, performance.timeOrigin + performance.now()) }))
    ;(window as any).seenAt = (id: string) => seen.get(id) ?? null
  })
  const hearth: number[] = []
  for (let i = 0; i < SAMPLES; i++) {
    const { id, at } = await ana.page.evaluate(async (i) => {
      const h = (globalThis as any).__hearth
      const at = performance.timeOrigin + performance.now()
      const r = await h.commands.invite(h.session().room, 'project', { title: `Sample ${i}`, text: '', skills: [] })
      return { id: r.id, at }
    }, i)
    const seenAt = await (await ben.page.waitForFunction((id) => (window as any).seenAt(id), id, { polling: 1 })).jsonValue()
    hearth.push((seenAt as number) - at)
  }
  return hearth
}

/** ms for each of SAMPLES map entries set in one raw page to show in the other's map. */
const rawSamples = async (pa: Page, pb: Page) => {
  await pa.waitForFunction(() => (window as any).rawProp.peers() > 0, undefined, { timeout: 30_000 })
  await pb.waitForFunction(() => (window as any).rawProp.peers() > 0, undefined, { timeout: 30_000 })
  await pa.waitForTimeout(500)
  const raw: number[] = []
  for (let i = 0; i < SAMPLES; i++) {
    const at = await pa.evaluate((k) => (window as any).rawProp.send(k), `k${i}`)
    const seenAt = await (await pb.waitForFunction((k) => (window as any).rawProp.seenAt(k), `k${i}`, { polling: 1 })).jsonValue()
    raw.push((seenAt as number) - at)
  }
  return raw
}

const propagation = async () => {
  const ana = await person(browser, server.url, 'Ana')
  await createRoom(ana, 'Propagation')
  const ben = await person(browser, server.url, 'Ben')
  await ben.page.goto(await roomLinkOf(ana))
  await ana.page.getByText(/Connected with Ben/).waitFor({ timeout: 30_000 })
  const hearth = await hearthSamples(ana, ben)
  await ana.context.close()
  await ben.context.close()
  const a = await browser.newContext()
  const b = await browser.newContext()
  const [pa, pb] = [await a.newPage(), await b.newPage()]
  const name = `raw-prop-${Date.now()}`
  for (const p of [pa, pb]) {
    await p.goto(server.url)
    await addBench(p)
    await p.evaluate(([s, name]) => (window as any).bench.rawPeer(s, name, 'raw-secret'), [signaling, name] as const)
  }
  const raw = await rawSamples(pa, pb)
  await a.close()
  await b.close()
  return { hearth, raw }
}

/** As propagation, but WebRTC is blocked for both and the server has no signaling: every edit goes through the relay. */
const relayPropagation = async () => {
  const ana = await person(browser, relayServer.url, 'Ana', noWebrtc)
  await createRoom(ana, 'Relay propagation')
  const ben = await person(browser, relayServer.url, 'Ben', noWebrtc)
  await ben.page.goto(await roomLinkOf(ana))
  await ana.page.getByText(/Connected with Ben \(via the relay\)/).waitFor({ timeout: 60_000 })
  await allOnRelay(ana)
  await allOnRelay(ben)
  for (const p of [ana, ben]) {
    if (!(await p.page.evaluate(() => { try { new RTCPeerConnection(); return false } catch { return true } }))) throw new Error('WebRTC is not blocked')
  }
  const hearth = await hearthSamples(ana, ben)
  await ana.context.close()
  await ben.context.close()
  const a = await browser.newContext()
  const b = await browser.newContext()
  const [pa, pb] = [await a.newPage(), await b.newPage()]
  const name = `raw-ws-prop-${Date.now()}`
  for (const p of [pa, pb]) {
    await p.goto(server.url)
    await addBench(p)
    await p.evaluate(([url, name]) => (window as any).bench.rawWsPeer(url, name), [yws.url, name] as const)
  }
  const raw = await rawSamples(pa, pb)
  await a.close()
  await b.close()
  return { hearth, raw }
}

/** The real relay process, with per-address limits lifted (one host plays every client), beside the bare fan-out floor. */
const relayThroughput = async () => {
  const tp = await startServer(0, dist, {
    SIGNAL: 'off', RELAY_RATE: '1000000', RELAY_BURST: '1000000',
    RELAY_TOPICS_PER_SOCKET: String(TP.topics + 100), RELAY_TOPICS_PER_ADDRESS: String(TP.topics + 100), RELAY_SOCKETS_PER_ADDRESS: String(TP.clients + 100),
  })
  let hearth
  try {
    hearth = await throughput(relayUrl(tp), TP)
  } finally {
    await tp.stop()
  }
  log('relay throughput', JSON.stringify(hearth))
  const floor = await startFloor()
  let raw
  try {
    raw = await throughput(floor.url, TP)
  } finally {
    await floor.stop()
  }
  log('floor throughput', JSON.stringify(raw))
  return { hearth, raw }
}

const jsSizes = () => {
  const gz = (file: string) => gzipSync(readFileSync(join(root, 'dist', file))).length / 1024
  const assets = readdirSync(join(root, 'dist/assets')).filter((f) => f.endsWith('.js'))
  const html = readFileSync(join(root, 'dist/index.html'), 'utf8')
  const initial = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1])
  return {
    initial: initial.reduce((s, f) => s + gz(f), 0),
    total: assets.reduce((s, f) => s + gz(`assets/${f}`), 0),
    serviceWorker: ['sw.js', ...readdirSync(join(root, 'dist')).filter((f) => /^workbox-.*\.js$/.test(f))].reduce((s, f) => s + gz(f), 0),
  }
}

try {
  const sizes = jsSizes()
  log('join 10k')
  const j10 = await hearthJoin(N10K, REPS)
  const cold = await coldLoad(j10.ana.page)
  const heap = await heapMB(j10.ana.page)
  await j10.ana.context.close()
  const raw10 = await rawJoin(N10K, REPS)
  log('join 100k')
  const j100 = await hearthJoin(N100K, REPS_100K)
  await j100.ana.context.close()
  log('verify')
  const vctx = await browser.newContext()
  const vp = await vctx.newPage()
  await vp.goto(server.url)
  await addBench(vp)
  await vp.evaluate((n) => (window as any).bench.makeState(n), N10K)
  const verifies: { coldMs: number; cachedMs: number }[] = []
  for (let r = 0; r < REPS; r++) verifies.push(await vp.evaluate(() => (window as any).bench.verify()))
  await vctx.close()
  log('propagation')
  const prop = await propagation()
  log('join via the relay')
  const jr = await relayJoin(N10K, REPS)
  const rawWs = await rawWsJoin(N10K, REPS)
  log('propagation via the relay')
  const rprop = await relayPropagation()
  log('relay throughput')
  const tput = await relayThroughput()

  const coldStat = stat(cold.runs)
  const rawStat = stat(cold.raw)
  const results = {
    when: new Date().toISOString(), smoke, sizes: { n10k: N10K, n100k: N100K, reps: REPS, samples: SAMPLES },
    join10k: { hearthMs: stat(j10.runs), rawYwebrtcMs: stat(raw10) },
    join100k: { hearthMs: stat(j100.runs) },
    coldLoad10k: { hearthMs: coldStat, rawDecodeMs: rawStat, ratio: round(coldStat.median! / rawStat.median!, 2) },
    propagation: {
      hearthP50Ms: round(pct(prop.hearth, 50)), hearthP95Ms: round(pct(prop.hearth, 95)),
      rawP50Ms: round(pct(prop.raw, 50)), rawP95Ms: round(pct(prop.raw, 95)),
      ratioP50: round(pct(prop.hearth, 50) / pct(prop.raw, 50), 2),
    },
    joinRelay10k: { hearthMs: stat(jr.runs), rawYwebsocketMs: stat(rawWs), snapshot: jr.snapshot },
    relayPropagation: {
      p50Ms: round(pct(rprop.hearth, 50)), p95Ms: round(pct(rprop.hearth, 95)),
      rawYwebsocketP50Ms: round(pct(rprop.raw, 50)), rawYwebsocketP95Ms: round(pct(rprop.raw, 95)),
      ratioP50: round(pct(rprop.hearth, 50) / pct(rprop.raw, 50), 2),
    },
    relayThroughput: {
      ...TP,
      updatesPerSec: round(tput.hearth.updatesPerSec, 0), p50Ms: round(tput.hearth.p50Ms), p99Ms: round(tput.hearth.p99Ms),
      deliveriesPerSec: round(tput.hearth.deliveriesPerSec, 0), fanOut: round(tput.hearth.fanOut, 2), errors: tput.hearth.errors,
      updateBytes: tput.hearth.updateBytes, sealedBytes: tput.hearth.sealedBytes, joinMs: round(tput.hearth.joinMs, 0),
      floor: {
        updatesPerSec: round(tput.raw.updatesPerSec, 0), p50Ms: round(tput.raw.p50Ms), p99Ms: round(tput.raw.p99Ms),
        deliveriesPerSec: round(tput.raw.deliveriesPerSec, 0), fanOut: round(tput.raw.fanOut, 2), errors: tput.raw.errors,
      },
      ratioUpdatesPerSec: round(tput.hearth.updatesPerSec / tput.raw.updatesPerSec, 2),
    },
    jsGzipKB: { initial: round(sizes.initial), total: round(sizes.total), serviceWorker: round(sizes.serviceWorker) },
    heap10kMB: round(heap),
    verify10k: { coldMs: stat(verifies.map((v) => v.coldMs)), cachedMs: stat(verifies.map((v) => v.cachedMs)) },
  }
  writeFileSync(out, JSON.stringify(results, null, 2) + '\n')
  // the relay's figures are checked here too, so a smoke run fails if one of them is missing
  const relayFigures = {
    'joinRelay10k.hearthMs': results.joinRelay10k.hearthMs.median, 'joinRelay10k.rawYwebsocketMs': results.joinRelay10k.rawYwebsocketMs.median,
    'relayPropagation.p50Ms': results.relayPropagation.p50Ms, 'relayPropagation.rawYwebsocketP50Ms': results.relayPropagation.rawYwebsocketP50Ms,
    'relayThroughput.updatesPerSec': results.relayThroughput.updatesPerSec || null, 'relayThroughput.p99Ms': results.relayThroughput.p99Ms,
    'relayThroughput.deliveriesPerSec': results.relayThroughput.deliveriesPerSec || null, 'relayThroughput.floor.updatesPerSec': results.relayThroughput.floor.updatesPerSec || null,
  }
  const missing = Object.entries(relayFigures).filter(([, v]) => typeof v !== 'number' || !Number.isFinite(v)).map(([k]) => k)
  if (missing.length) process.exitCode = 1
  const f = (s: Stat | number | null) => (s === null ? 'never' : typeof s === 'number' ? s.toFixed(1) : s.median === null ? 'never' : `${s.median.toFixed(0)} (${s.min!.toFixed(0)}–${s.max!.toFixed(0)})`)
  const rows: [string, string, string][] = [
    [`join ${N10K} (ms)`, f(results.join10k.hearthMs), f(results.join10k.rawYwebrtcMs)],
    [`join ${N100K} (ms)`, f(results.join100k.hearthMs), '—'],
    [`cold load ${N10K} (ms)`, f(coldStat), `${f(rawStat)}  ratio ${results.coldLoad10k.ratio}`],
    ['propagation p50 / p95 (ms)', `${results.propagation.hearthP50Ms} / ${results.propagation.hearthP95Ms}`, `${results.propagation.rawP50Ms} / ${results.propagation.rawP95Ms}  ratio ${results.propagation.ratioP50}`],
    [`join ${N10K} via the relay (ms)`, f(results.joinRelay10k.hearthMs), `${f(results.joinRelay10k.rawYwebsocketMs)} (y-websocket)`],
    ['relay propagation p50 / p95 (ms)', `${results.relayPropagation.p50Ms} / ${results.relayPropagation.p95Ms}`,
      `${results.relayPropagation.rawYwebsocketP50Ms} / ${results.relayPropagation.rawYwebsocketP95Ms} (y-websocket)  ratio ${results.relayPropagation.ratioP50}`],
    [`relay pushes/s, p99 push→ack (ms); ${TP.clients} sockets × ${TP.topics} topics`, `${results.relayThroughput.updatesPerSec} /s, p99 ${results.relayThroughput.p99Ms}`,
      `${results.relayThroughput.floor.updatesPerSec} /s, p99 ${results.relayThroughput.floor.p99Ms} (bare ws fan-out)  ratio ${results.relayThroughput.ratioUpdatesPerSec}`],
    ['relay fan-out deliveries/s', `${results.relayThroughput.deliveriesPerSec} /s (${results.relayThroughput.fanOut} per push)`, `${results.relayThroughput.floor.deliveriesPerSec} /s (${results.relayThroughput.floor.fanOut} per push)`],
    [`verify ${N10K} cold / cached (ms)`, `${f(results.verify10k.coldMs)} / ${f(results.verify10k.cachedMs)}`, '—'],
    [`heap with ${N10K} open (MB)`, f(results.heap10kMB), '—'],
    ['JS gzip initial / total (KB)', `${results.jsGzipKB.initial} / ${results.jsGzipKB.total}`, 'Yjs + y-webrtc ≈ 58'],
  ]
  console.log(`\n| figure | Hearth | raw floor |\n|---|---|---|\n${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}\n`)
  console.log(`written to ${out}`)
  if (missing.length) console.error(`bench: not measured: ${missing.join(', ')}`)
} finally {
  await browser.close()
  await yws.stop()
  await relayServer.stop()
  await server.stop()
}
