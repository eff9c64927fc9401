/**
 * What a shape-check worker spends on a cold open, in Node: siftOne (shape, signed text, an invitation's id, the
 * link's SHA-256) over 10,000 records from 50 authors, as CPU ms per round on fresh copies (as a worker gets them).
 * Needs the state model-profile.ts keeps: `node --import tsx tests/bench/verify-parts.ts`.
 */
import { readFileSync } from 'node:fs'
import * as Y from 'yjs'
import { siftOne } from '../../src/model/ledger/sift.ts'

const doc = new Y.Doc()
Y.applyUpdate(doc, new Uint8Array(readFileSync(process.env.STATE ?? '/tmp/hearth-model-profile-10000-50.bin')))
const entries = [...doc.getMap('records').entries()]
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000 }
const rounds: string[] = []
for (let r = 0; r < 7; r++) {
  const copies = entries.map(([k, v]) => [k, structuredClone(v)] as const)
  // with --expose-gc: the copies' garbage is collected before the round, not in it
  ;(globalThis as { gc?: () => void }).gc?.()
  const t = cpu()
  for (const [k, v] of copies) if (siftOne(k, v) === null) throw new Error(`refused ${k}`)
  rounds.push((cpu() - t).toFixed(0))
}
console.log(`siftOne ${entries.length}: ${rounds.join(' ')} ms cpu`)
