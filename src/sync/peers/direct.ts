import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type * as Y from 'yjs'
import { helloMac, helloText, sameMac, toBase64url } from '../../crypto/index.ts'
import { MEMBER_ID, sign, verify, type Identity } from '../../identity/index.ts'
import { connectionOf, dtlsOf, type Connection } from './dtls.ts'
import * as syncProtocol from './guarded-sync.ts'

const SYNC = 0
const NONCE = 2
const PROOF = 3
const RESEND_MS = 1000
const RESENDS = 20

export interface DirectLink {
  /** the member on the other phone, once they have proved it; null until then */
  member: () => string | null
  close: () => void
}

export interface LinkKeys {
  me: Identity
  roomId: string
  secret: string
  /** the connection the channel runs over, when pairing did not say (see dtls.ts) */
  connection?: Connection
}

/**
 * Syncs a document over one data channel that Hearth opened itself (a pairing made face to face).
 * Each side first proves it holds the room key and its device key (a signed, room-bound hello over the
 * other's nonce and to both DTLS fingerprints of this connection, so a hello passed along by someone in the
 * middle is refused); nothing is synced before that. Every update this document gets from anywhere else is
 * passed on, so data gossips along a chain of pairings (A–B–C). That is y-webrtc's open issue #3, avoided.
 */
export const linkDoc = (doc: Y.Doc, channel: RTCDataChannel, keys: LinkKeys, onChange: () => void): DirectLink => {
  let member: string | null = null
  let closed = false
  let proven = false
  // their ask (a sync step 1) may come before this side has checked their hello: their signing and checking run
  // apart, and the network may hand over the hello and the ask at once. The last one is answered once they are
  // proven; their updates from before are not kept, as this side's own ask, sent then, brings all they hold
  let ask: Uint8Array | null = null
  const origin = { direct: true }
  const nonce = toBase64url(crypto.getRandomValues(new Uint8Array(18)))
  const dtls = () => dtlsOf(keys.connection ?? connectionOf(channel))
  const send = (e: encoding.Encoder) => {
    if (channel.readyState === 'open') channel.send(encoding.toUint8Array(e) as Uint8Array<ArrayBuffer>)
  }
  const message = (type: number, write: (e: encoding.Encoder) => void) => {
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, type)
    write(e)
    send(e)
  }
  const syncMessage = (write: (e: encoding.Encoder) => void) => message(SYNC, write)
  const onUpdate = (update: Uint8Array, from: unknown) => {
    if (proven && from !== origin) syncMessage((e) => syncProtocol.writeUpdate(e, update))
  }
  // the first message on a fresh channel can be lost: in Chromium the answering phone's challenge, sent as its channel
  // opened, sometimes never arrived, so the other never proved itself and the link stayed silent. It is sent again
  // until their hello comes; they answer each with the same hello, and a hello after the first is ignored
  let resend: ReturnType<typeof setInterval> | undefined
  const challenge = () => message(NONCE, (e) => encoding.writeVarString(e, nonce))
  const start = () => {
    challenge()
    let left = RESENDS
    resend = setInterval(() => (--left < 0 ? clearInterval(resend) : challenge()), RESEND_MS)
  }
  const prove = async (theirNonce: string) => {
    const mine = dtls()
    const text = helloText(keys.roomId, theirNonce, keys.me.id, mine)
    const sig = await sign(keys.me, text)
    message(PROOF, (e) => {
      for (const field of [keys.me.id, sig, helloMac(keys.secret, text), mine.mine, mine.theirs]) encoding.writeVarString(e, field)
    })
  }
  const check = async (id: string, sig: string, mac: string, claimed: { mine: string; theirs: string }) => {
    // what they signed names their certificate first: the one this side's connection has as the remote one
    const seen = dtls()
    // a connection whose certificates this side can't read proves nothing: it is closed, not trusted
    if (!seen.mine || !seen.theirs || claimed.mine !== seen.theirs || claimed.theirs !== seen.mine) {
      console.warn('hearth: a paired phone’s hello was made on another connection (someone passed it along); the link is closed')
      return close()
    }
    const text = helloText(keys.roomId, nonce, id, { mine: seen.theirs, theirs: seen.mine })
    if (!MEMBER_ID.test(id) || !sameMac(mac, helloMac(keys.secret, text))) {
      console.warn('hearth: a paired phone could not prove it holds this room’s key; the link is closed')
      return close()
    }
    if (!(await verify(id, text, sig))) {
      console.warn('hearth: a paired phone could not prove the member it claims; the link is closed')
      return close()
    }
    if (proven || closed) return
    member = id
    proven = true
    onChange()
    syncMessage((e) => syncProtocol.writeSyncStep1(e, doc))
    const theirs = ask
    ask = null
    if (theirs) readSafely(theirs)
  }
  const readSync = (d: decoding.Decoder) => {
    const reply = encoding.createEncoder()
    encoding.writeVarUint(reply, SYNC)
    const kind = decoding.readVarUint(d)
    if (kind === syncProtocol.messageYjsSyncStep1) syncProtocol.readSyncStep1(d, reply, doc)
    else if (kind === syncProtocol.messageYjsSyncStep2 || kind === syncProtocol.messageYjsUpdate) {
      // what isn't a signed record's place is left out, so it is never kept or passed along the chain
      syncProtocol.readSyncStep2(d, doc, origin, undefined, kind === syncProtocol.messageYjsSyncStep2)
    }
    if (encoding.length(reply) > 1) send(reply)
  }
  const readSafely = (bytes: Uint8Array) => {
    try {
      readSync(decoding.createDecoder(bytes))
    } catch (err) {
      console.warn('hearth: ignored a message a paired phone sent', err)
    }
  }
  channel.binaryType = 'arraybuffer'
  channel.onmessage = (event: MessageEvent) => {
    try {
      const d = decoding.createDecoder(new Uint8Array(event.data as ArrayBuffer))
      const type = decoding.readVarUint(d)
      if (type === NONCE) {
        const theirs = decoding.readVarString(d)
        if (/^[A-Za-z0-9_-]{16,64}$/.test(theirs)) void prove(theirs)
      } else if (type === PROOF) {
        clearInterval(resend)
        const [id, sig, mac] = [decoding.readVarString(d), decoding.readVarString(d), decoding.readVarString(d)]
        const more = () => (decoding.hasContent(d) ? decoding.readVarString(d) : '')
        void check(id, sig, mac, { mine: more(), theirs: more() })
      } else if (type === SYNC && proven) readSync(d)
      else if (type === SYNC && !closed && decoding.peekVarUint(d) === syncProtocol.messageYjsSyncStep1) ask = d.arr.slice(d.pos)
    } catch (err) {
      console.warn('hearth: ignored a message a paired phone sent', err)
    }
  }
  const close = () => {
    if (closed) return
    closed = true
    clearInterval(resend)
    ask = null
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
