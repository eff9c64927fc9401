import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { commands as c } from '../../../../src/model/index.ts'
import { applySliced } from '../../../../src/sync/guard/index.ts'
import { askWhenTakenIn } from '../../../../src/sync/peers/ask.ts'
import { writeSyncStep1 } from '../../../../src/sync/peers/guarded-sync.ts'
import { expectOk, peer, project } from '../../fixtures/model.ts'

/** a peer channel whose sends are noted, as y-webrtc's WebrtcConn holds it */
const channel = () => {
  const sent: Uint8Array[] = []
  return { sent, peer: { send: (m: Uint8Array) => { sent.push(m) } } }
}

/** what y-webrtc sends as a channel opens: its messageSync, then this document's step 1 */
const step1Of = (doc: Y.Doc) => {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 0)
  writeSyncStep1(e, doc)
  return encoding.toUint8Array(e)
}

/** the state vector an ask says this side holds */
const heldIn = (m: Uint8Array) => {
  const d = decoding.createDecoder(m)
  expect([decoding.readVarUint(d), decoding.readVarUint(d)]).toEqual([0, 0])
  return decoding.readVarUint8Array(d)
}

const until = async (ok: () => boolean) => { while (!ok()) await new Promise((r) => setTimeout(r, 5)) }

describe('a newcomer’s ask to a peer', () => {
  it('waits while the room from the relay is being taken in, so the peer answers with what that lacks, not the room again', async () => {
    const ana = await peer()
    expectOk(await c.inviteMany(ana.room, Array.from({ length: 600 }, (_, i) => ({ kind: 'project' as const, content: project({ title: `Project ${i}` }) }))))
    const room = Y.encodeStateAsUpdate(ana.doc)
    const ben = new Y.Doc()
    const { sent, peer: conn } = channel()
    askWhenTakenIn(ben, conn)
    const taking = applySliced(ben, room, { relay: 'test' }, 'the relay')
    conn.send(step1Of(ben))
    expect(sent).toEqual([])
    await taking
    await until(() => sent.length > 0)
    expect(sent).toHaveLength(1)
    // Ana's answer to this ask carries nothing Ben lacks
    const answer = Y.encodeStateAsUpdate(ana.doc, heldIn(sent[0]))
    expect(Y.decodeUpdate(answer).structs).toEqual([])
  }, 60_000)

  it('goes at once from a page taking nothing in, and nothing else it sends is held', async () => {
    const ben = new Y.Doc()
    ben.getMap('records').set('x', 1)
    const { sent, peer: conn } = channel()
    askWhenTakenIn(ben, conn)
    conn.send(new Uint8Array([1, 5, 5]))
    expect(sent).toHaveLength(1)
    conn.send(step1Of(ben))
    await until(() => sent.length > 1)
    expect(heldIn(sent[1])).toEqual(Y.encodeStateVector(ben))
    conn.send(new Uint8Array([0, 2, 0]))
    expect(sent).toHaveLength(3)
  })
})
