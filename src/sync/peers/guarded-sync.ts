/**
 * y-protocols' sync messages, with every incoming update passed through the guard before it touches the document.
 * vite.config.ts points `y-protocols/sync` here, so y-webrtc's peers get the same check as the relay and paired
 * phones: content outside the room's records is left out, never applied and never passed on.
 *
 * Step 1 also carries a digest of the entries this side holds live, and step 2 answers it with the records the
 * asker holds the clocks of but not live (guard/repair.ts); an older peer reads neither and ignores the extra bytes.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { messageYjsSyncStep1, messageYjsSyncStep2, messageYjsUpdate, writeSyncStep2, writeUpdate } from 'y-protocols/sync.js'
import { applySliced, lackedBy, mark, moveClient, offerRecords, readDigest, readRecords, writeDigest, writeRecords } from '../guard/index.ts'

export { messageYjsSyncStep1, messageYjsSyncStep2, messageYjsUpdate, writeSyncStep2, writeUpdate }

// records offered for repair are weighed only in answer to a step 1 this side sent: one offer per ask, so a peer
// can't make it check signatures without end
const asked = new WeakMap<Y.Doc, number>()

export const writeSyncStep1 = (encoder: encoding.Encoder, doc: Y.Doc) => {
  asked.set(doc, Math.min(64, (asked.get(doc) ?? 0) + 1))
  writeAskAgain(encoder, doc)
}

/** a step 1 that replaces one written before and not sent (ask.ts): it is still one ask, answered once */
export const writeAskAgain = (encoder: encoding.Encoder, doc: Y.Doc) => {
  encoding.writeVarUint(encoder, messageYjsSyncStep1)
  encoding.writeVarUint8Array(encoder, Y.encodeStateVector(doc))
  writeDigest(encoder, doc)
}

export const readSyncStep1 = (decoder: decoding.Decoder, encoder: encoding.Encoder, doc: Y.Doc) => {
  mark('step1-read')
  const vector = decoding.readVarUint8Array(decoder)
  const theirs = Y.decodeStateVector(vector)
  // they hold clocks of this document's own client that it never wrote: someone squats its id, so leave it
  if ((theirs.get(doc.clientID) ?? 0) > Y.getState(doc.store, doc.clientID)) moveClient(doc)
  writeSyncStep2(encoder, doc, vector)
  const digest = decoding.hasContent(decoder) ? readDigest(decoder) : null
  writeRecords(encoder, digest ? lackedBy(doc, theirs, digest) : [])
  mark(`step2-written ${encoding.length(encoder)}`)
}

const answered = (doc: Y.Doc) => {
  const n = asked.get(doc) ?? 0
  if (n > 0) asked.set(doc, n - 1)
  return n > 0
}

export const readSyncStep2 = (decoder: decoding.Decoder, doc: Y.Doc, origin: unknown, errorHandler?: (e: Error) => void, step2 = true) => {
  try {
    const update = decoding.readVarUint8Array(decoder)
    const offered = step2 && decoding.hasContent(decoder) && answered(doc) ? readRecords(decoder) : []
    // a large update goes in slices (guard/slices); the records offered for repair are weighed once it is in
    void applySliced(doc, update, origin, 'a peer', undefined, true).then(() => offered.length ? offerRecords(doc, offered) : 0)
      .catch((e) => console.warn('hearth: could not apply or repair what a peer sent', e))
  } catch (e) {
    if (errorHandler) errorHandler(e as Error)
    else console.error('hearth: an update from a peer could not be applied', e)
  }
}

export const readUpdate = (decoder: decoding.Decoder, doc: Y.Doc, origin: unknown, errorHandler?: (e: Error) => void) =>
  readSyncStep2(decoder, doc, origin, errorHandler, false)

export const readSyncMessage = (decoder: decoding.Decoder, encoder: encoding.Encoder, doc: Y.Doc, origin: unknown, errorHandler?: (e: Error) => void) => {
  const type = decoding.readVarUint(decoder)
  switch (type) {
    case messageYjsSyncStep1: readSyncStep1(decoder, encoder, doc); break
    case messageYjsSyncStep2: readSyncStep2(decoder, doc, origin, errorHandler); break
    case messageYjsUpdate: readUpdate(decoder, doc, origin, errorHandler); break
    default: throw new Error('Unknown message type')
  }
  return type
}
