/**
 * A newcomer whose relay entries come out of order, in Node: the second half of a room first (it waits for the
 * first), then the whole room from a peer, and beside it the whole room alone. `npx tsx tests/bench/pending-join.ts [n] [reps]`: the page's time, in ms.
 */
import * as Y from 'yjs'
import { applySliced } from '../../src/sync/guard/index.ts'
import { shaped } from '../unit/fixtures/shaped.ts'

const [nArg = '10000', repsArg = '3'] = process.argv.slice(2)
const n = Number(nArg)
const ana = new Y.Doc()
const records = ana.getMap('records')
ana.transact(() => { for (let i = 0; i < n / 2; i++) records.set(...shaped(`a${i}`)) })
const half = Y.encodeStateVector(ana)
ana.transact(() => { for (let i = n / 2; i < n; i++) records.set(...shaped(`a${i}`)) })
const second = Y.encodeStateAsUpdate(ana, half)
const whole = Y.encodeStateAsUpdate(ana)
const runs: number[] = []
const inOrder: number[] = []
for (let r = 0; r < Number(repsArg); r++) {
  const ben = new Y.Doc()
  const t = performance.now()
  await applySliced(ben, second, 'relay', 'the relay')
  await applySliced(ben, whole, 'peer', 'a peer')
  runs.push(Math.round(performance.now() - t))
  if (ben.getMap('records').size !== n || ben.store.pendingStructs) throw new Error('not all placed')
  // the floor: the whole room alone, nothing waiting
  const cai = new Y.Doc()
  const t2 = performance.now()
  await applySliced(cai, whole, 'peer', 'a peer')
  inOrder.push(Math.round(performance.now() - t2))
}
console.log(JSON.stringify({ n, second: second.length, whole: whole.length, runs, inOrder }))
