import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { roomKeys } from '../../../../src/crypto/index.ts'
import { createOutbox, type Pending } from '../../../../src/sync/relay/outbox.ts'
import { emptyVector, lacks } from '../../../../src/sync/relay/vectors.ts'

/**
 * A repair push made while `beyond` held a range carries a Skip over it. The push stays in the outbox across a socket
 * close (and a reload: the outbox is saved). The relay then turns out to have lost its copy (another epoch): relay.ts
 * calls outbox.forget() and starts from an empty vector. The saved push goes again and is acknowledged; its ack is
 * read with parseUpdateMeta (first clock to last, Skips included), so the range it skipped counts as held.
 */
describe('a skipped range outlives forget() inside an outbox item', () => {
  it('pushes again, after a reset, what a repair push skipped as held by the old copy', async () => {
    const doc = new Y.Doc()
    const records = doc.getMap('records')
    const X = doc.clientID
    records.set('a', 1) // X[0,1): the room's start, never pushed
    records.set('b', 2) // X[1,2): the relay acknowledged it (old copy)
    records.set('c', 3) // X[2,3): came since
    let connected = false
    let seq = 0
    const acks: Pending[] = []
    let vector = emptyVector()
    const outbox = createOutbox({
      keys: roomKeys('skip-outlives-forget'),
      save: async () => {},
      position: (() => { let n = 0; return () => ({ stream: 's', n: ++n }) })(),
      joined: () => connected,
      socket: { push: async () => { if (!connected) throw new Error('relay: closed'); return ++seq } } as never,
      acked: (_seq, p) => { acks.push(p); vector = outbox.held(vector, p.update) },
      refused: () => {},
      changed: () => {},
    })
    outbox.load([])
    // old copy: the relay acknowledged X[1,2) (past the gap X[0,1)): kept in `beyond`
    vector = outbox.held(vector, new Map([[X, [1, 2] as [number, number]]]))
    expect(Y.decodeStateVector(vector).get(X) ?? 0).toBe(0)
    // the repair after a join: the socket closes before its push is acknowledged
    outbox.lacking(doc, vector)
    expect(outbox.items().length).toBe(1)
    // the relay comes back as another copy (its store was lost): relay.ts resets the cursor and forgets
    vector = emptyVector()
    outbox.forget()
    connected = true
    await outbox.sendAll()
    outbox.lacking(doc, vector) // the repair after that join
    await outbox.sendAll()
    // what the new copy got: every acknowledged push, merged
    const relay = new Y.Doc()
    for (const p of acks) Y.applyUpdate(relay, p.update)
    // the phone believes the new copy holds everything...
    expect(lacks(vector, Y.encodeStateVector(doc))).toBe(false)
    // ...but it never got X[1,2) ('b'): nothing will push it again
    expect(relay.getMap('records').get('b')).toBe(2)
  })
})
