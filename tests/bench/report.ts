/** The figures, written to results(.smoke).json and printed as the README's table, each beside its floor and goal. */
import { writeFileSync } from 'node:fs'
import { N100K, N10K, REPS, RUNS, SAMPLES, SLOW, TP, out, pct, round, smoke, stat, type Stat } from './config.ts'
import type { Audit } from './lighthouse.ts'
import type { throughput } from './relay.ts'

type Throughput = Awaited<ReturnType<typeof throughput>>
type Samples = { hearth: number[]; raw: number[] }

export interface Measured {
  sizes: { initial: number; budget: number; initialDefaultGzip: number; total: number; serviceWorker: number }
  join10k: (number | null)[]
  join10kSlow: (number | null)[]
  raw10k: (number | null)[]
  join100k: (number | null)[]
  cold: { runs: number[]; raw: number[]; slowRuns: number[]; slowRaw: number[]; checkedRuns: number[]; slowCheckedRuns: number[] }
  heap: number[]
  verifies: { coldMs: number; cachedMs: number }[]
  propagation: Samples
  relayJoin: { runs: (number | null)[]; snapshot: unknown }
  rawWsJoin: (number | null)[]
  relayPropagation: Samples
  throughput: { hearth: Throughput[]; raw: Throughput[] }
  lighthouse: (Audit | null)[]
}

/** a percentile in each of RUNS consecutive batches of the samples, so a sampled figure has a min, median and max too */
const batches = (xs: number[], p: number) => {
  const size = Math.ceil(xs.length / RUNS)
  return stat(Array.from({ length: RUNS }, (_, i) => xs.slice(i * size, (i + 1) * size)).filter((b) => b.length).map((b) => pct(b, p)))
}
const r1 = (s: Stat): Stat => ({ median: round(s.median), min: round(s.min), max: round(s.max), runs: s.runs.map((x) => round(x)) })
const ratio = (a: number | null, b: number | null) => (a === null || b === null ? null : round(a / b, 2))
/** the run whose pushes per second is the median one, so its other figures belong together */
const medianRun = (runs: Throughput[]) => [...runs].sort((a, b) => a.updatesPerSec - b.updatesPerSec)[Math.floor((runs.length - 1) / 2)]

export const report = (m: Measured) => {
  const { propagation: prop, relayPropagation: rprop } = m
  const tput = { hearth: medianRun(m.throughput.hearth), raw: medianRun(m.throughput.raw) }
  const coldStat = stat(m.cold.runs)
  const rawStat = stat(m.cold.raw)
  const slowCold = stat(m.cold.slowRuns)
  const slowRaw = stat(m.cold.slowRaw)
  // the list from this device's glance first; the checked list (document read, verified, folded) is the fair floor's match
  const checkedStat = stat(m.cold.checkedRuns)
  const slowChecked = stat(m.cold.slowCheckedRuns)
  const results = {
    when: new Date().toISOString(), smoke, sizes: { n10k: N10K, n100k: N100K, reps: REPS, runs: RUNS, samples: SAMPLES, slowdown: SLOW },
    join10k: { hearthMs: stat(m.join10k), rawYwebrtcMs: stat(m.raw10k) },
    join100k: { hearthMs: stat(m.join100k) },
    coldLoad10k: {
      hearthMs: coldStat, rawDecodeMs: rawStat, ratio: ratio(coldStat.median, rawStat.median),
      checkedListMs: checkedStat, checkedRatio: ratio(checkedStat.median, rawStat.median),
    },
    // the same in a page whose CPU DevTools slows SLOW×: an estimate for a cheap phone
    slowed: {
      cpuSlowdown: SLOW,
      join10kMs: stat(m.join10kSlow),
      coldLoad10kMs: slowCold, rawDecodeMs: slowRaw, coldLoadRatio: ratio(slowCold.median, slowRaw.median),
      checkedListMs: slowChecked, checkedRatio: ratio(slowChecked.median, slowRaw.median),
    },
    propagation: {
      hearthP50Ms: round(pct(prop.hearth, 50)), hearthP95Ms: round(pct(prop.hearth, 95)),
      rawP50Ms: round(pct(prop.raw, 50)), rawP95Ms: round(pct(prop.raw, 95)),
      ratioP50: round(pct(prop.hearth, 50) / pct(prop.raw, 50), 2),
      hearthP50RunsMs: r1(batches(prop.hearth, 50)), rawP50RunsMs: r1(batches(prop.raw, 50)),
    },
    joinRelay10k: { hearthMs: stat(m.relayJoin.runs), rawYwebsocketMs: stat(m.rawWsJoin), snapshot: m.relayJoin.snapshot },
    relayPropagation: {
      p50Ms: round(pct(rprop.hearth, 50)), p95Ms: round(pct(rprop.hearth, 95)),
      rawYwebsocketP50Ms: round(pct(rprop.raw, 50)), rawYwebsocketP95Ms: round(pct(rprop.raw, 95)),
      ratioP50: round(pct(rprop.hearth, 50) / pct(rprop.raw, 50), 2),
      p50RunsMs: r1(batches(rprop.hearth, 50)), rawYwebsocketP50RunsMs: r1(batches(rprop.raw, 50)),
    },
    relayThroughput: {
      ...TP,
      // the run with the median pushes per second; every run's figures below
      updatesPerSec: round(tput.hearth.updatesPerSec, 0), p50Ms: round(tput.hearth.p50Ms), p99Ms: round(tput.hearth.p99Ms),
      deliveriesPerSec: round(tput.hearth.deliveriesPerSec, 0), fanOut: round(tput.hearth.fanOut, 2), errors: tput.hearth.errors,
      updateBytes: tput.hearth.updateBytes, sealedBytes: tput.hearth.sealedBytes, joinMs: round(tput.hearth.joinMs, 0),
      // the driver's own CPU (share of a core): near 1, the driver, not the relay, set the pace
      driverCpu: round(tput.hearth.driverCpu, 2),
      floor: {
        updatesPerSec: round(tput.raw.updatesPerSec, 0), p50Ms: round(tput.raw.p50Ms), p99Ms: round(tput.raw.p99Ms),
        deliveriesPerSec: round(tput.raw.deliveriesPerSec, 0), fanOut: round(tput.raw.fanOut, 2), errors: tput.raw.errors,
        updatesPerSecRuns: stat(m.throughput.raw.map((t) => round(t.updatesPerSec, 0))), driverCpu: round(tput.raw.driverCpu, 2),
      },
      ratioUpdatesPerSec: round(tput.hearth.updatesPerSec / tput.raw.updatesPerSec, 2),
      updatesPerSecRuns: stat(m.throughput.hearth.map((t) => round(t.updatesPerSec, 0))),
      p99MsRuns: r1(stat(m.throughput.hearth.map((t) => t.p99Ms))),
    },
    jsGzipKB: {
      initial: round(m.sizes.initial), budget: m.sizes.budget, initialDefaultGzip: round(m.sizes.initialDefaultGzip),
      total: round(m.sizes.total), serviceWorker: round(m.sizes.serviceWorker),
    },
    heap10kMB: round(stat(m.heap).median),
    heap10kMBRuns: r1(stat(m.heap)),
    verify10k: { coldMs: stat(m.verifies.map((v) => v.coldMs)), cachedMs: stat(m.verifies.map((v) => v.cachedMs)) },
    lighthouse: {
      preset: 'mobile (lighthouse 12.2.3 defaults: slow 4G, 4× CPU, simulated)',
      performance: stat(m.lighthouse.map((a) => a?.performance ?? null)),
      fcpMs: r1(stat(m.lighthouse.map((a) => a?.fcpMs ?? null))),
      lcpMs: r1(stat(m.lighthouse.map((a) => a?.lcpMs ?? null))),
    },
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
  const lh = results.lighthouse
  const rows: [string, string, string, string][] = [
    [`join ${N10K} (ms)`, f(results.join10k.hearthMs), f(results.join10k.rawYwebrtcMs), '≤ 1000'],
    [`join ${N10K}, CPU ${SLOW}× slower (ms)`, f(results.slowed.join10kMs), '—', 'estimate for a cheap phone'],
    [`join ${N100K} (ms)`, f(results.join100k.hearthMs), '—', '≤ 10000'],
    [`cold load ${N10K} (ms)`, f(coldStat), `${f(rawStat)}  ratio ${results.coldLoad10k.ratio}`, '≤ 1.5× raw'],
    [`cold load ${N10K}, the checked list (ms)`, f(checkedStat), `${f(rawStat)}  ratio ${results.coldLoad10k.checkedRatio}`, 'after the glance'],
    [`cold load ${N10K}, CPU ${SLOW}× slower (ms)`, f(slowCold), `${f(slowRaw)}  ratio ${results.slowed.coldLoadRatio}`, 'estimate for a cheap phone'],
    [`cold load ${N10K}, CPU ${SLOW}× slower, checked (ms)`, f(slowChecked), `${f(slowRaw)}  ratio ${results.slowed.checkedRatio}`, 'estimate for a cheap phone'],
    ['propagation p50 (p95) (ms)', `${f(results.propagation.hearthP50RunsMs)} (${results.propagation.hearthP95Ms})`, `${f(results.propagation.rawP50RunsMs)} (${results.propagation.rawP95Ms})  ratio ${results.propagation.ratioP50}`, '≤ 2× raw'],
    [`join ${N10K} via the relay (ms)`, f(results.joinRelay10k.hearthMs), `${f(results.joinRelay10k.rawYwebsocketMs)} (y-websocket)`, '≤ 1000 and ≤ 2× y-websocket'],
    ['relay propagation p50 (p95) (ms)', `${f(results.relayPropagation.p50RunsMs)} (${results.relayPropagation.p95Ms})`,
      `${f(results.relayPropagation.rawYwebsocketP50RunsMs)} (${results.relayPropagation.rawYwebsocketP95Ms}) (y-websocket)  ratio ${results.relayPropagation.ratioP50}`, '≤ 1.5× y-websocket'],
    [`relay pushes/s, p99 push→ack (ms); ${TP.clients} sockets × ${TP.topics} topics`, `${f(results.relayThroughput.updatesPerSecRuns)} /s, p99 ${f(results.relayThroughput.p99MsRuns)}`,
      `${f(results.relayThroughput.floor.updatesPerSecRuns)} /s, p99 ${results.relayThroughput.floor.p99Ms} (bare ws fan-out)  ratio ${results.relayThroughput.ratioUpdatesPerSec}`, '≥ 10000 /s, p99 ≤ 50'],
    ['relay fan-out deliveries/s', `${results.relayThroughput.deliveriesPerSec} /s (${results.relayThroughput.fanOut} per push)`, `${results.relayThroughput.floor.deliveriesPerSec} /s (${results.relayThroughput.floor.fanOut} per push)`, '—'],
    [`verify ${N10K} cold / cached (ms)`, `${f(results.verify10k.coldMs)} / ${f(results.verify10k.cachedMs)}`, '—', '≤ 100 cold'],
    [`heap with ${N10K} open (MB)`, f(results.heap10kMBRuns), '—', '≤ 15'],
    ['JS gzip first screen / total (KB)', `${results.jsGzipKB.initial} / ${results.jsGzipKB.total}`, 'Yjs + y-webrtc ≈ 58', `≤ 60 (npm test: ≤ ${results.jsGzipKB.budget})`],
    ['Lighthouse mobile: score, FCP, LCP (ms)', `${f(lh.performance)}, ${f(lh.fcpMs)}, ${f(lh.lcpMs)}`, '—', '100, ≤ 1200, ≤ 1500'],
  ]
  console.log(`\n| figure | Hearth: median (min–max) | raw floor | goal |\n|---|---|---|---|\n${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}\n`)
  console.log(`written to ${out}`)
  if (missing.length) console.error(`bench: not measured: ${missing.join(', ')}`)
}
