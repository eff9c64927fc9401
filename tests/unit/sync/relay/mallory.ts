import * as Y from 'yjs'
import { roomKeys, seal } from '../../../../src/crypto/index.ts'
import * as wire from '../../../../src/protocol/index.ts'
import { connect } from '../../fixtures/relay.ts'

/** the state of an empty document: what a member's "snapshot of nothing" carries */
export const EMPTY = Y.encodeStateAsUpdate(new Y.Doc())

/**
 * Mallory holds the key: she joins over a plain socket and does what a client would never do,
 * sealing labels herself (a cover's heads and seq, an entry's position) or uploading what she likes.
 */
export const mallory = async (relay: string, secret: string) => {
  const keys = roomKeys(secret)
  const c = await connect(relay)
  const joined = await c.join(keys, 0) as Extract<wire.RelayMessage, { op: wire.Op.State }>
  let head = joined.head
  return {
    head: () => head,
    /** an entry (by default an empty update), so the head moves and a new snapshot can go */
    async push(data = seal(keys, 'update', EMPTY)) {
      const ack = await c.push(keys.topic, data)
      if (ack.op === wire.Op.Ack) head = ack.seq
      return ack
    },
    /** `data` sealed as a snapshot, or the blob given as `sealed` as it is */
    snapshot: (data: Uint8Array, sealed = seal(keys, 'snapshot', data)) =>
      c.ask((req) => ({ op: wire.Op.Snapshot, req, topic: keys.topic, seq: head, data: sealed })),
    /** a presence-style note to every member on the relay now (Say), as sealed as she likes */
    say: (data: Uint8Array) => c.send({ op: wire.Op.Say, topic: keys.topic, data }),
    keys,
    close: () => c.close(),
  }
}
