/** The bench's sizes (`--smoke` runs everything tiny, so the bench cannot rot), where it writes, and how it counts. */
import { resolve } from 'node:path'

export const smoke = process.argv.includes('--smoke')
export const N10K = smoke ? 60 : 10_000
export const N100K = smoke ? 120 : 100_000
export const REPS = smoke ? 1 : 5
export const REPS_100K = smoke ? 1 : 3
export const SAMPLES = smoke ? 10 : 200
// at least 3 runs of every figure; sample-based ones (propagation) are split into this many batches
export const RUNS = smoke ? 1 : 3
// a page slowed this much by the DevTools protocol stands in for a cheap phone
export const SLOW = 4
// the relay's throughput: sockets × topics each, pushing for a while with a few pushes in flight per socket
export const TP = smoke ? { clients: 3, topics: 10, seconds: 1, inflight: 2 } : { clients: 10, topics: 1000, seconds: 10, inflight: 8 }
export const root = resolve(import.meta.dirname, '../..')
export const out = resolve(import.meta.dirname, smoke ? 'results.smoke.json' : 'results.json')

export type Stat = { median: number | null; min: number | null; max: number | null; runs: (number | null)[] }
export const stat = (runs: (number | null)[]): Stat => {
  const ok = runs.filter((r): r is number => r !== null).sort((a, b) => a - b)
  const median = ok.length ? (ok.length % 2 ? ok[(ok.length - 1) / 2] : (ok[ok.length / 2 - 1] + ok[ok.length / 2]) / 2) : null
  return { median, min: ok[0] ?? null, max: ok.at(-1) ?? null, runs }
}
export const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]
export const round = (x: number | null, d = 1) => (x === null ? null : Math.round(x * 10 ** d) / 10 ** d)
export const log = (...a: unknown[]) => console.error('bench:', ...a)
