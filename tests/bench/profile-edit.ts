/**
 * The edit figures alone (an edit A→B over WebRTC, and through the relay), beside their raw floors, with a CPU profile
 * of the receiving page: `npx tsx tests/bench/profile-edit.ts webrtc|relay [out.cpuprofile]`. Not part of `npm run bench`.
 */
import { writeFileSync } from 'node:fs'
import { pct } from './config.ts'
import { propagation, relayPropagation } from './propagation.ts'
import { startBench } from './setup.ts'

const [how = 'webrtc', out] = process.argv.slice(2)
const b = await startBench()
try {
  const profile = out ? { write: (p: unknown) => writeFileSync(out, JSON.stringify(p)) } : undefined
  const { hearth, raw } = await (how === 'relay' ? relayPropagation : propagation)(b, profile)
  const brief = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(1)} ms p95 ${pct(xs, 95).toFixed(1)} ms`
  console.log(JSON.stringify({ how, hearth: brief(hearth), raw: brief(raw), ratio: (pct(hearth, 50) / pct(raw, 50)).toFixed(2) }))
} finally {
  await b.stop()
}
