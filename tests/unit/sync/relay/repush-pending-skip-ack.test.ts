import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { roomKeys } from '../../../../src/crypto/index.ts'
import { createOutbox, type Pending } from '../../../../src/sync/relay/outbox.ts'
import { emptyVector } from '../../../../src/sync/relay/vectors.ts'

/**
 * (Older than this change, same root.) Yjs's encodeStateAsUpdate merges the document's pending structs in, with a Skip
 * over what they wait for. The repair push's ack is read first clock to last, so the relay is believed to hold the
 * range this phone did not even have; once that range comes (from a peer), it is never pushed.
 */
describe('a repair push that carries pending structs', () => {
  it('pushes the range its Skip stood for once it comes', async () => {
    const ben = new Y.Doc()
    const steps: Uint8Array[] = []
    ben.on('update', (u: Uint8Array) => steps.push(u))
    const m = ben.getMap('records')
    m.set('b0', 0); m.set('b1', 1); m.set('b2', 2)
    const doc = new Y.Doc()
    Y.applyUpdate(doc, steps[0])
    Y.applyUpdate(doc, steps[2]) // waits for b1: Yjs keeps it pending
    expect(doc.store.pendingStructs).toBeTruthy()
    let seq = 0
    const acks: Pending[] = []
    let vector = emptyVector()
    const outbox = createOutbox({
      keys: roomKeys('pending-skip'),
      save: async () => {},
      position: (() => { let n = 0; return () => ({ stream: 's', n: ++n }) })(),
      joined: () => true,
      socket: { push: async () => ++seq } as never,
      acked: (_seq, p) => { acks.push(p); vector = outbox.held(vector, p.update) },
      refused: () => {},
      changed: () => {},
    })
    outbox.load([])
    outbox.lacking(doc, vector)
    await outbox.sendAll()
    Y.applyUpdate(doc, steps[1]) // b1 comes from a peer; b2 is placed too
    outbox.lacking(doc, vector) // the repair after a peer's update
    await outbox.sendAll()
    const relay = new Y.Doc()
    for (const p of acks) Y.applyUpdate(relay, p.update)
    expect([...relay.getMap('records').keys()].sort()).toEqual(['b0', 'b1', 'b2'])
  })
})
