/**
 * y-protocols' sync messages, with every incoming update passed through the guard before it touches the document.
 * vite.config.ts points `y-protocols/sync` here, so y-webrtc's peers get the same check as the relay and paired
 * phones: content outside the room's records is left out, never applied and never passed on.
 */
import * as decoding from 'lib0/decoding'
import type * as Y from 'yjs'
import { messageYjsSyncStep1, messageYjsSyncStep2, messageYjsUpdate, readSyncStep1 } from 'y-protocols/sync.js'
import { applyGuarded } from './guard.ts'

export { messageYjsSyncStep1, messageYjsSyncStep2, messageYjsUpdate, readSyncStep1, writeSyncStep1, writeSyncStep2, writeUpdate } from 'y-protocols/sync.js'

export const readSyncStep2 = (decoder: decoding.Decoder, doc: Y.Doc, origin: unknown, errorHandler?: (e: Error) => void) => {
  try {
    applyGuarded(doc, decoding.readVarUint8Array(decoder), origin, 'a peer')
  } catch (e) {
    if (errorHandler) errorHandler(e as Error)
    else console.error('hearth: an update from a peer could not be applied', e)
  }
}

export const readUpdate = readSyncStep2

export const readSyncMessage = (decoder: decoding.Decoder, encoder: Parameters<typeof readSyncStep1>[1], doc: Y.Doc, origin: unknown, errorHandler?: (e: Error) => void) => {
  const type = decoding.readVarUint(decoder)
  switch (type) {
    case messageYjsSyncStep1: readSyncStep1(decoder, encoder, doc); break
    case messageYjsSyncStep2:
    case messageYjsUpdate: readSyncStep2(decoder, doc, origin, errorHandler); break
    default: throw new Error('Unknown message type')
  }
  return type
}
