/**
 * One live edit taken in by a room that already holds many records, in Node: the model's part of an edit A→B
 * (the guard's and the ledger's checks, the chains, the fold) where the room is large. `npx tsx tests/bench/live-edit-model.ts [records] [authors]`.
 * Not part of `npm run bench`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import * as Y from 'yjs'
import { createIdentity } from '../../src/identity/index.ts'
import { commands, openRoom, verifiedIds } from '../../src/model/index.ts'
import { applyGuarded } from '../../src/sync/guard/index.ts'
import { pct } from './config.ts'

const [N = 10_000, AUTHORS = 1] = process.argv.slice(2).map(Number)
const file = `/tmp/hearth-live-edit-${N}-${AUTHORS}.bin`
const ana = await createIdentity()
const build = async () => {
  const doc = new Y.Doc()
  for (let a = 0; a < AUTHORS; a++) {
    // the last author is Ana, who then edits live
    const room = openRoom(doc, a === AUTHORS - 1 ? ana : await createIdentity())
    await room.ledger.ready
    await commands.inviteMany(room, Array.from({ length: Math.ceil(N / AUTHORS) }, (_, k) => ({ kind: 'project' as const, content: { title: `Project ${a}-${k}`, text: '', skills: [] } })))
    room.destroy()
  }
  return Y.encodeStateAsUpdate(doc)
}
// Ana's key is made afresh each run, so the state is kept only for the other authors' part: rebuilt when absent
const state = AUTHORS === 1 || !existsSync(file) ? await build() : new Uint8Array(readFileSync(file))
if (AUTHORS > 1 && !existsSync(file)) writeFileSync(file, state)

const anaDoc = new Y.Doc()
Y.applyUpdate(anaDoc, state)
const anaRoom = openRoom(anaDoc, ana)
await anaRoom.ledger.ready
const benDoc = new Y.Doc()
Y.applyUpdate(benDoc, state)
const ben = openRoom(benDoc, await createIdentity(), { verified: verifiedIds() })
await ben.ledger.ready
const times: number[] = []
let started = 0
let want = ''
ben.onChange((c) => { if (c.invites.has(want)) times.push(performance.now() - started) })
const updates: Uint8Array[] = []
anaDoc.on('update', (u: Uint8Array) => updates.push(u))
for (let i = 0; i < 60; i++) {
  updates.length = 0
  const r = await commands.invite(anaRoom, 'project', { title: `Live ${i}`, text: '', skills: [] })
  if (!r.ok) throw new Error(JSON.stringify(r))
  want = r.id
  started = performance.now()
  for (const u of updates) applyGuarded(benDoc, u, 'peer', 'a peer')
  await ben.ledger.settled()
}
const warm = times.slice(10)
console.log(JSON.stringify({ records: N, authors: AUTHORS, p50: pct(warm, 50).toFixed(2), p90: pct(warm, 90).toFixed(2) }))
process.exit(0)
