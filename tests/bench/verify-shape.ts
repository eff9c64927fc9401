/**
 * What a shape-check worker does on a cold open, in Node: siftMany over the 10,000 records from 50 authors that
 * model-profile.ts keeps, on fresh copies (as a worker gets them), and checkShape alone as a batch asks it, in ms per round (CPU for
 * checkShape; wall for siftMany, whose WebCrypto hashing runs on other threads).
 * `node --expose-gc --import tsx tests/bench/verify-shape.ts` (ROUNDS=7).
 */
import { readFileSync } from 'node:fs'
import * as Y from 'yjs'
import { siftMany } from '../../src/model/ledger/sift.ts'
import { checkShape, type IdCheck } from '../../src/model/records/index.ts'

const doc = new Y.Doc()
Y.applyUpdate(doc, new Uint8Array(readFileSync(process.env.STATE ?? '/tmp/hearth-model-profile-10000-50.bin')))
const entries = [...doc.getMap('records').entries()]
const keys = entries.map(([k]) => k)
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000 }
const fresh = () => { const copies = structuredClone(entries.map(([, v]) => v)); (globalThis as { gc?: () => void }).gc?.(); return copies }
const shapes: number[] = []
const sifts: number[] = []
for (let r = 0; r < Number(process.env.ROUNDS ?? 7); r++) {
  let values = fresh()
  const t = cpu()
  // as a worker's batch asks it: the invitation ids are hashed after, with the links
  const ids: IdCheck[] = []
  values.forEach((v, i) => { if (!checkShape(keys[i], v, ids)) throw new Error(`refused ${keys[i]}`) })
  shapes.push(cpu() - t)
  values = fresh()
  const w = performance.now()
  if ((await siftMany(keys, values)).some((s) => s === null)) throw new Error('refused')
  sifts.push(performance.now() - w)
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1].toFixed(1)
const all = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(' ')
console.log(`checkShape ${entries.length}: median ${median(shapes)} ms cpu (${all(shapes)}); siftMany: median ${median(sifts)} ms wall (${all(sifts)})`)
