/**
 * The model's cost when a room opens, in Node: a 10k-record room from ~50 authors, opened cold (nothing verified)
 * and warm (every record in the verification cache), then the invitation list. Run with
 * `node --expose-gc --import tsx tests/bench/model-profile.ts` (add --cpu-prof to see where the time goes).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import * as Y from 'yjs'
import { createIdentity } from '../../src/identity/index.ts'
import { commands, openRoom, verifiedIds } from '../../src/model/index.ts'

const N = Number(process.env.N ?? 10_000)
const AUTHORS = Number(process.env.AUTHORS ?? 50)
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {})
const heap = () => { gc(); gc(); return process.memoryUsage().heapUsed / 1024 / 1024 }
const ms = (t: number) => `${(performance.now() - t).toFixed(0)} ms`

const build = async () => {
  const doc = new Y.Doc()
  const now = Date.now()
  for (let a = 0; a < AUTHORS; a++) {
    const room = openRoom(doc, await createIdentity())
    await room.ledger.ready
    const n = Math.ceil(N / AUTHORS)
    await commands.inviteMany(room, Array.from({ length: n }, (_, k) => ({
      kind: 'event' as const,
      content: { title: `Gathering ${a}-${k}`, text: 'Bring a friend', start: now + 86_400_000, end: now + 90_000_000, tz: 'UTC', place: 'The hall', online: false, plusOnes: 0 },
    })))
    room.destroy()
  }
  return Y.encodeStateAsUpdate(doc)
}

const main = async () => {
  let t = performance.now()
  // building signs every record, which takes long on a busy machine: keep the state between runs
  const file = `/tmp/hearth-model-profile-${N}-${AUTHORS}.bin`
  const state = existsSync(file) ? new Uint8Array(readFileSync(file)) : await build()
  if (!existsSync(file)) writeFileSync(file, state)
  console.log(`state of ${N} records from ${AUTHORS} authors in ${ms(t)}, ${(state.length / 1e6).toFixed(1)} MB`)
  const me = await createIdentity()
  const open = async (cache?: Uint8Array, label = '') => {
    const base = heap()
    t = performance.now()
    const doc = new Y.Doc()
    Y.applyUpdate(doc, state)
    const decoded = performance.now() - t
    const json = doc.getMap('records').toJSON()
    const raw = performance.now() - t
    void json
    t = performance.now()
    const room = openRoom(doc, me, { verified: verifiedIds(cache) })
    await room.ledger.ready
    const ready = performance.now() - t
    const list = room.invitations()
    const total = performance.now() - t
    const mb = heap() - base
    console.log(`${label}: decode ${decoded.toFixed(0)} ms (raw+toJSON ${raw.toFixed(0)}), ready ${ready.toFixed(0)} ms, +invitations ${total.toFixed(0)} ms (${list.length}); checked ${room.ledger.checked()}; heap room+doc ${mb.toFixed(1)} MB`)
    return { room, doc, saved: room.ledger.verified.encode() }
  }
  const base = heap()
  const only = new Y.Doc()
  Y.applyUpdate(only, state)
  console.log(`heap of the doc alone ${(heap() - base).toFixed(1)} MB`)
  only.destroy()
  const cold = await open(undefined, 'cold')
  const saved = cold.saved
  cold.room.destroy()
  for (let i = 0; i < 3; i++) { const w = await open(saved, `warm ${i}`); w.room.destroy() }
  if (process.env.COLD) for (let i = 0; i < 2; i++) { const c = await open(undefined, `cold ${i}`); c.room.destroy() }
}
main()
