/**
 * `npm run bench`: Hearth's speed beside raw Yjs and raw y-webrtc, in one run, in real Chromium.
 * `--smoke` runs everything with tiny sizes, so the bench cannot rot (npm test does that).
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Page } from 'playwright-core'
import { build } from 'vite'
import { createRoom, launch, person, roomLinkOf, seed, startServer } from '../e2e/harness.ts'

const smoke = process.argv.includes('--smoke')
const N10K = smoke ? 60 : 10_000
const N100K = smoke ? 120 : 100_000
const REPS = smoke ? 1 : 5
const REPS_100K = smoke ? 1 : 3
const SAMPLES = smoke ? 10 : 200
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

// the app's build plus the bench's page code, served from one origin with signaling
const dist = mkdtempSync(join(tmpdir(), 'hearth-bench-'))
cpSync(join(root, 'dist'), dist, { recursive: true })
await build({
  configFile: false, logLevel: 'error',
  build: { outDir: join(dist, 'bench'), emptyOutDir: true, lib: { entry: resolve(import.meta.dirname, 'page.ts'), formats: ['es'], fileName: () => 'bench.js' } },
})
const server = await startServer(0, dist)
const browser = await launch()
const signaling = [`${server.url.replace('http', 'ws')}signal`]
const addBench = async (page: Page) => {
  await page.addScriptTag({ url: `${server.url}bench/bench.js`, type: 'module' })
  await page.waitForFunction(() => 'bench' in window)
}
const count = (page: Page) => page.evaluate(() => (globalThis as any).__hearth.session()?.room.ledger.invites.size ?? 0)

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
    const ms = await ben.page.evaluate(async ([hash, n]) => {
      const started = performance.now()
      location.hash = hash
      const h = (globalThis as any).__hearth
      while ((h.session()?.room.ledger.invites.size ?? 0) < n) {
        if (performance.now() - started > 180_000) return null
        await new Promise((r) => setTimeout(r, 10))
      }
      return performance.now() - started
    }, [new URL(link).hash, n] as const)
    runs.push(ms)
    log(`join ${n}: ${ms?.toFixed(0)} ms`)
    await ben.context.close()
  }
  return { ana, runs }
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

const propagation = async () => {
  const ana = await person(browser, server.url, 'Ana')
  await createRoom(ana, 'Propagation')
  const ben = await person(browser, server.url, 'Ben')
  await ben.page.goto(await roomLinkOf(ana))
  await ana.page.getByText(/Connected with Ben/).waitFor({ timeout: 30_000 })
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
  await pa.waitForFunction(() => (window as any).rawProp.peers() > 0, undefined, { timeout: 30_000 })
  await pa.waitForTimeout(500)
  const raw: number[] = []
  for (let i = 0; i < SAMPLES; i++) {
    const at = await pa.evaluate((k) => (window as any).rawProp.send(k), `k${i}`)
    const seenAt = await (await pb.waitForFunction((k) => (window as any).rawProp.seenAt(k), `k${i}`, { polling: 1 })).jsonValue()
    raw.push((seenAt as number) - at)
  }
  await a.close()
  await b.close()
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
    jsGzipKB: { initial: round(sizes.initial), total: round(sizes.total), serviceWorker: round(sizes.serviceWorker) },
    heap10kMB: round(heap),
    verify10k: { coldMs: stat(verifies.map((v) => v.coldMs)), cachedMs: stat(verifies.map((v) => v.cachedMs)) },
  }
  writeFileSync(out, JSON.stringify(results, null, 2) + '\n')
  const f = (s: Stat | number | null) => (s === null ? 'never' : typeof s === 'number' ? s.toFixed(1) : s.median === null ? 'never' : `${s.median.toFixed(0)} (${s.min!.toFixed(0)}–${s.max!.toFixed(0)})`)
  const rows: [string, string, string][] = [
    [`join ${N10K} (ms)`, f(results.join10k.hearthMs), f(results.join10k.rawYwebrtcMs)],
    [`join ${N100K} (ms)`, f(results.join100k.hearthMs), '—'],
    [`cold load ${N10K} (ms)`, f(coldStat), `${f(rawStat)}  ratio ${results.coldLoad10k.ratio}`],
    ['propagation p50 / p95 (ms)', `${results.propagation.hearthP50Ms} / ${results.propagation.hearthP95Ms}`, `${results.propagation.rawP50Ms} / ${results.propagation.rawP95Ms}  ratio ${results.propagation.ratioP50}`],
    [`verify ${N10K} cold / cached (ms)`, `${f(results.verify10k.coldMs)} / ${f(results.verify10k.cachedMs)}`, '—'],
    [`heap with ${N10K} open (MB)`, f(results.heap10kMB), '—'],
    ['JS gzip initial / total (KB)', `${results.jsGzipKB.initial} / ${results.jsGzipKB.total}`, 'Yjs + y-webrtc ≈ 58'],
  ]
  console.log(`\n| figure | Hearth | raw floor |\n|---|---|---|\n${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}\n`)
  console.log(`written to ${out}`)
} finally {
  await browser.close()
  await server.stop()
}
