import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import type * as Y from 'yjs'
import { applyGuarded } from './guard.ts'

const SYNC = 0
const HELLO = 1

export interface DirectLink {
  member: () => string | null
  close: () => void
}

/**
 * Syncs a document over one data channel that Hearth opened itself (a pairing made face to face).
 * Every update this document gets from anywhere else is passed on, so data gossips along a chain
 * of pairings (A–B–C): C sees what A made, through B. That is y-webrtc's open issue #3, avoided.
 */
export const linkDoc = (doc: Y.Doc, channel: RTCDataChannel, me: string, onChange: () => void): DirectLink => {
  let member: string | null = null
  let closed = false
  const origin = { direct: true }
  const send = (e: encoding.Encoder) => {
    if (channel.readyState === 'open') channel.send(encoding.toUint8Array(e) as Uint8Array<ArrayBuffer>)
  }
  const syncMessage = (write: (e: encoding.Encoder) => void) => {
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, SYNC)
    write(e)
    send(e)
  }
  const onUpdate = (update: Uint8Array, from: unknown) => {
    if (from !== origin) syncMessage((e) => syncProtocol.writeUpdate(e, update))
  }
  const start = () => {
    const hello = encoding.createEncoder()
    encoding.writeVarUint(hello, HELLO)
    encoding.writeVarString(hello, me)
    send(hello)
    syncMessage((e) => syncProtocol.writeSyncStep1(e, doc))
  }
  channel.binaryType = 'arraybuffer'
  channel.onmessage = (event: MessageEvent) => {
    try {
      const d = decoding.createDecoder(new Uint8Array(event.data as ArrayBuffer))
      const type = decoding.readVarUint(d)
      if (type === HELLO) {
        const id = decoding.readVarString(d)
        member = /^[A-Za-z0-9_-]{43}$/.test(id) ? id : null
        onChange()
      } else if (type === SYNC) {
        const reply = encoding.createEncoder()
        encoding.writeVarUint(reply, SYNC)
        const kind = decoding.readVarUint(d)
        if (kind === syncProtocol.messageYjsSyncStep1) syncProtocol.readSyncStep1(d, reply, doc)
        else if (kind === syncProtocol.messageYjsSyncStep2 || kind === syncProtocol.messageYjsUpdate) {
          // what isn't a signed record's place is left out, so it is never kept or passed along the chain
          applyGuarded(doc, decoding.readVarUint8Array(d), origin, 'a paired phone')
        }
        if (encoding.length(reply) > 1) send(reply)
      }
    } catch (err) {
      console.warn('hearth: ignored a message a paired phone sent', err)
    }
  }
  const close = () => {
    if (closed) return
    closed = true
    doc.off('update', onUpdate)
    channel.close()
    onChange()
  }
  channel.onclose = close
  doc.on('update', onUpdate)
  if (channel.readyState === 'open') start()
  else channel.onopen = start
  return { member: () => member, close }
}
