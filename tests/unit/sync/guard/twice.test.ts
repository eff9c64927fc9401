import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { commands as c } from '../../../../src/model/index.ts'
import { applySliced, type Clean } from '../../../../src/sync/guard/index.ts'
import { SLICE_FROM_BYTES } from '../../../../src/sync/guard/slices/cut.ts'
import { expectOk, peer, project } from '../../fixtures/model.ts'

const room = async (n: number) => {
  const a = await peer()
  expectOk(await c.inviteMany(a.room, Array.from({ length: n }, (_, i) => ({ kind: 'project' as const, content: project({ title: `Project ${i}` }) }))))
  return a
}

const held = (doc: Y.Doc) => new Map([...Y.decodeStateVector(Y.encodeStateVector(doc))].map(([client, clock]) => [client, [0, clock]]))

describe('a large room that comes twice (from a peer and from the relay) is guarded once', () => {
  it('the second copy changes nothing and tells no listener, yet still says all it held (so the relay is not sent the room again)', async () => {
    const a = await room(1500)
    const update = Y.encodeStateAsUpdate(a.doc)
    expect(update.length).toBeGreaterThan(SLICE_FROM_BYTES)
    const ben = new Y.Doc()
    await applySliced(ben, update, 'peer', 'a peer', undefined, true)
    const told: Uint8Array[] = []
    ben.on('update', (u: Uint8Array) => told.push(u))
    const reported: Clean[] = []
    const got = await applySliced(ben, update, 'relay', 'the relay', (c) => reported.push(c))
    expect(got).toEqual(held(a.doc))
    expect(told).toEqual([])
    expect(reported.flatMap((r) => r.lacking)).toEqual([])
    expect(ben.getMap('records').toJSON()).toEqual(a.doc.getMap('records').toJSON())
  }, 60_000)

  it('a snapshot that holds deleted what this phone holds live still names those records (to be written again)', async () => {
    const a = await room(1500)
    const ben = new Y.Doc()
    Y.applyUpdate(ben, Y.encodeStateAsUpdate(a.doc))
    // a member's snapshot that leaves ten records out: their clocks held, their content gone
    const hal = new Y.Doc()
    Y.applyUpdate(hal, Y.encodeStateAsUpdate(a.doc))
    const hidden = [...hal.getMap('records').keys()].slice(0, 10)
    hal.transact(() => { for (const k of hidden) hal.getMap('records').delete(k) })
    const snapshot = Y.encodeStateAsUpdate(hal)
    expect(snapshot.length).toBeGreaterThan(SLICE_FROM_BYTES)
    const lacking: Y.Item[] = []
    const got = await applySliced(ben, snapshot, 'relay', 'the relay', (c) => lacking.push(...c.lacking))
    expect(lacking.map((i) => i.parentSub).sort()).toEqual([...hidden].sort())
    expect(got?.get(a.doc.clientID)).toEqual([0, Y.getState(a.doc.store, a.doc.clientID)])
    // and the guard spared them: the snapshot's deletions hide nothing here
    for (const k of hidden) expect(ben.getMap('records').get(k)).toEqual(a.doc.getMap('records').get(k))
  }, 60_000)
})
