/** The figures, written to results(.smoke).json and printed as the README's table. */
import { writeFileSync } from 'node:fs'
import { N100K, N10K, REPS, SAMPLES, TP, out, pct, round, smoke, stat, type Stat } from './config.ts'
import type { throughput } from './relay.ts'

type Throughput = Awaited<ReturnType<typeof throughput>>
type Samples = { hearth: number[]; raw: number[] }

export interface Measured {
  sizes: { initial: number; total: number; serviceWorker: number }
  join10k: (number | null)[]
  raw10k: (number | null)[]
  join100k: (number | null)[]
  cold: { runs: number[]; raw: number[] }
  heap: number
  verifies: { coldMs: number; cachedMs: number }[]
  propagation: Samples
  relayJoin: { runs: (number | null)[]; snapshot: unknown }
  rawWsJoin: (number | null)[]
  relayPropagation: Samples
  throughput: { hearth: Throughput; raw: Throughput }
}

export const report = (m: Measured) => {
  const { propagation: prop, relayPropagation: rprop, throughput: tput } = m
  const coldStat = stat(m.cold.runs)
  const rawStat = stat(m.cold.raw)
  const results = {
    when: new Date().toISOString(), smoke, sizes: { n10k: N10K, n100k: N100K, reps: REPS, samples: SAMPLES },
    join10k: { hearthMs: stat(m.join10k), rawYwebrtcMs: stat(m.raw10k) },
    join100k: { hearthMs: stat(m.join100k) },
    coldLoad10k: { hearthMs: coldStat, rawDecodeMs: rawStat, ratio: round(coldStat.median! / rawStat.median!, 2) },
    propagation: {
      hearthP50Ms: round(pct(prop.hearth, 50)), hearthP95Ms: round(pct(prop.hearth, 95)),
      rawP50Ms: round(pct(prop.raw, 50)), rawP95Ms: round(pct(prop.raw, 95)),
      ratioP50: round(pct(prop.hearth, 50) / pct(prop.raw, 50), 2),
    },
    joinRelay10k: { hearthMs: stat(m.relayJoin.runs), rawYwebsocketMs: stat(m.rawWsJoin), snapshot: m.relayJoin.snapshot },
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
    jsGzipKB: { initial: round(m.sizes.initial), total: round(m.sizes.total), serviceWorker: round(m.sizes.serviceWorker) },
    heap10kMB: round(m.heap),
    verify10k: { coldMs: stat(m.verifies.map((v) => v.coldMs)), cachedMs: stat(m.verifies.map((v) => v.cachedMs)) },
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
}
