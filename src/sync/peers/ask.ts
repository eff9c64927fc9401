import * as encoding from 'lib0/encoding'
import type * as Y from 'yjs'
import { mark, slicedSoFar } from '../guard/index.ts'
import { writeAskAgain } from './guarded-sync.ts'

interface Peer { send: (m: Uint8Array) => void }

/**
 * y-webrtc asks a peer for what this page lacks (its sync step 1) as the channel opens. A newcomer's channel opens
 * while the guard is still taking in the room from the relay's snapshot: the peer then encoded and deflated the
 * whole room again, and this page inflated it and had it cut again behind the first copy, on the same two cores,
 * for nothing. The ask waits until what the guard holds now is in; the peer then sends only what that lacks. It
 * never waits for more than that (updates set aside are not in the guard's queue), and an idle guard answers in a
 * microtask.
 */
export const askWhenTakenIn = (doc: Y.Doc, peer: Peer) => {
  const send = peer.send.bind(peer)
  peer.send = (m: Uint8Array) => {
    // y-webrtc's messageSync, then y-protocols' step 1: the first such message is this page's ask
    if (m[0] !== 0 || m[1] !== 0) return send(m)
    peer.send = send
    void slicedSoFar(doc).then(() => {
      const e = encoding.createEncoder()
      encoding.writeVarUint(e, 0)
      writeAskAgain(e, doc)
      mark('rtc-ask-out')
      try { send(encoding.toUint8Array(e)) } catch { /* closed meanwhile: y-webrtc drops it too */ }
    })
  }
}
