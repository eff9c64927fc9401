/**
 * The verify figure's work in Node, as CPU ms: open the bench's 10k room from ~50 authors with nothing cached, to
 * the ledger's ready (in Node the shape checks and signatures run on this thread, so CPU time counts all of it).
 * Steadier than the page's wall clock on a busy machine. Needs model-profile.ts's state:
 * `node --import tsx tests/bench/verify-cpu.ts`.
 */
import { readFileSync } from 'node:fs'
import * as Y from 'yjs'
import { createIdentity } from '../../src/identity/index.ts'
import { openRoom } from '../../src/model/index.ts'

const state = new Uint8Array(readFileSync(process.env.STATE ?? '/tmp/hearth-model-profile-10000-50.bin'))
const me = await createIdentity()
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000 }
const runs: string[] = []
for (let r = 0; r < Number(process.env.RUNS ?? 6); r++) {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, state)
  // with --expose-gc: the decode's garbage is collected before the open, not in it
  ;(globalThis as { gc?: () => void }).gc?.()
  const t = cpu()
  const room = openRoom(doc, me)
  await room.ledger.ready
  runs.push((cpu() - t).toFixed(0))
  room.destroy()
}
console.log(`cold open to ready, 10k: ${runs.join(' ')} ms cpu`)
