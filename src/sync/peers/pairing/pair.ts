import { fromBase64url } from '../../../crypto/index.ts'
import { chunkedChannel } from '../chunked.ts'
import { rememberConnection } from '../dtls.ts'
import { cleanRoomName, type RoomRef } from '../../link.ts'
import { SyncFailure, type SyncError } from '../../errors.ts'
import { compactSdp, expandSdp, readCompact, writeCompact } from './sdp.ts'

/**
 * Pairing face to face, with no server: A shows an offer (with the room's id and key, so one scan
 * also joins), B scans it and shows an answer, A scans that, and the two phones connect directly.
 */
const VERSION = 1
const OFFER = 0
const ANSWER = 1
// an offer that carries a device's link code instead of a room (link-in-person.ts)
const LINK = 2
const GATHER_MS = 4000

export type Payload =
  | { kind: 'offer'; pairId: number; room: RoomRef; sdp: string }
  | { kind: 'answer'; pairId: number; sdp: string }
  | { kind: 'link'; pairId: number; code: string; sdp: string }

export const encodePayload = (p: Payload, sdp: string): Uint8Array => {
  const out = [VERSION, p.kind === 'offer' ? OFFER : p.kind === 'link' ? LINK : ANSWER, (p.pairId >>> 24) & 255, (p.pairId >>> 16) & 255, (p.pairId >>> 8) & 255, p.pairId & 255]
  writeCompact(compactSdp(sdp), out)
  const str = (s: string) => { const b = new TextEncoder().encode(s); out.push(b.length, ...b) }
  if (p.kind === 'link') str(p.code)
  if (p.kind === 'offer') {
    str(p.room.id)
    str(p.room.secret)
    str(cleanRoomName(p.room.name ?? '').slice(0, 40))
  }
  return Uint8Array.from(out)
}

export type Decoded = { ok: true; payload: Payload; bytes: number } | { ok: false; error: SyncError }

/** Reads a pairing code from a scanned or pasted text: a pairing link (a device's: `#/link/`) or the bare code. */
export const decodePayload = (text: string): Decoded => {
  const code = text.trim().replace(/^.*#\/(?:pair|link)\//, '')
  const bytes = fromBase64url(code)
  if (!bytes || bytes.length < 40) return { ok: false, error: { code: 'not-a-pairing-code' } }
  if (bytes[0] !== VERSION) return { ok: false, error: { code: 'pairing-other-version' } }
  try {
    const at = { i: 6 }
    const pairId = ((bytes[2] << 24) | (bytes[3] << 16) | (bytes[4] << 8) | bytes[5]) >>> 0
    const sdp = expandSdp(readCompact(bytes, at))
    if (bytes[1] === ANSWER) {
      if (at.i !== bytes.length) throw new Error('cut short')
      if (!sdpUsable(sdp)) return { ok: false, error: { code: 'answer-no-address' } }
      return { ok: true, bytes: bytes.length, payload: { kind: 'answer', pairId, sdp } }
    }
    const str = () => {
      if (at.i >= bytes.length || at.i + 1 + bytes[at.i] > bytes.length) throw new Error('cut short')
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes.slice(at.i + 1, (at.i += bytes[at.i] + 1)))
    }
    if (bytes[1] === LINK) {
      const code = str()
      if (at.i !== bytes.length || !/^[\w-]{24}$/.test(code)) throw new Error('bad link code')
      if (!sdpUsable(sdp)) return { ok: false, error: { code: 'code-no-address' } }
      return { ok: true, bytes: bytes.length, payload: { kind: 'link', pairId, code, sdp } }
    }
    const room = { id: str(), secret: str(), name: cleanRoomName(str()) || undefined }
    // every byte accounted for: a code cut short (or padded) is refused, not taken for a room with no name
    if (at.i !== bytes.length) throw new Error('cut short')
    if (!/^[\w-]{21}$/.test(room.id) || !/^[\w-]{22,64}$/.test(room.secret)) throw new Error('bad room')
    if (!sdpUsable(sdp)) return { ok: false, error: { code: 'code-no-address' } }
    return { ok: true, bytes: bytes.length, payload: { kind: 'offer', pairId, room, sdp } }
  } catch {
    return { ok: false, error: { code: 'code-damaged' } }
  }
}

const sdpUsable = (sdp: string) => /^a=candidate:/m.test(sdp)

const gathered = (pc: RTCPeerConnection) =>
  new Promise<void>((resolve) => {
    if (pc.iceGatheringState === 'complete') return resolve()
    const timer = setTimeout(resolve, GATHER_MS)
    pc.addEventListener('icegatheringstatechange', () => {
      if (pc.iceGatheringState === 'complete') { clearTimeout(timer); resolve() }
    })
  })

const opened = (channel: RTCDataChannel, pc: RTCPeerConnection) =>
  new Promise<RTCDataChannel>((resolve, reject) => {
    if (channel.readyState === 'open') return resolve(channel)
    channel.addEventListener('open', () => resolve(channel))
    pc.addEventListener('connectionstatechange', () => {
      if (pc.connectionState === 'failed') reject(new SyncFailure({ code: 'phones-unreachable' }))
    })
  })

export interface Pairing {
  pc: RTCPeerConnection
  bytes: Uint8Array
  /** resolves with an open, chunked data channel once the other phone is connected */
  connected: Promise<RTCDataChannel>
}

/** A's side: an offer for this room (or, from `makeLinkOffer`, a device's link code). `accept` takes B's answer. */
export const makeOffer = (room: RoomRef) => offerWith((pairId) => ({ kind: 'offer', pairId, room, sdp: '' }))

/** A device that belongs, at a gathering: an offer that carries a link code, for the exchange in link-device.ts. */
export const makeLinkOffer = (code: string) => offerWith((pairId) => ({ kind: 'link', pairId, code, sdp: '' }))

const offerWith = async (payload: (pairId: number) => Payload): Promise<Pairing & { accept: (text: string) => Promise<SyncError | null> }> => {
  const pc = new RTCPeerConnection({ iceServers: [] })
  const channel = pc.createDataChannel('hearth', { ordered: true })
  await pc.setLocalDescription(await pc.createOffer())
  await gathered(pc)
  const pairId = crypto.getRandomValues(new Uint32Array(1))[0]
  const bytes = encodePayload(payload(pairId), pc.localDescription!.sdp)
  // the answer as given: Chromium can open the channel before pc.remoteDescription reads back (it tells the two from
  // different threads), and a hello signed then named no certificate for the other phone, which refused the link
  let answered: string | null = null
  const described = { get localDescription() { return pc.localDescription }, get remoteDescription() { return pc.remoteDescription ?? (answered ? { sdp: answered } : null) } }
  const accept = async (text: string): Promise<SyncError | null> => {
    const d = decodePayload(text)
    if (!d.ok) return d.error
    if (d.payload.kind !== 'answer') return { code: 'offer-not-answer' }
    if (d.payload.pairId !== pairId) return { code: 'other-pairing' }
    if (pc.signalingState !== 'have-local-offer') return { code: 'pairing-done' }
    try {
      answered = d.payload.sdp
      await pc.setRemoteDescription({ type: 'answer', sdp: d.payload.sdp })
      return null
    } catch {
      answered = null
      return { code: 'answer-unusable' }
    }
  }
  return { pc, bytes, accept, connected: opened(channel, pc).then(chunkedChannel).then((c) => rememberConnection(c, described)) }
}

type Answered = ({ ok: true } & Pairing) | { ok: false; error: SyncError }

/** B's side: takes A's offer, returns the answer to show, and the room it joins. */
export const answerOffer = async (text: string): Promise<({ ok: true; room: RoomRef } & Pairing) | { ok: false; error: SyncError }> => {
  const d = decodePayload(text)
  if (!d.ok) return d
  if (d.payload.kind === 'link') return { ok: false, error: { code: 'pairing-is-link' } }
  if (d.payload.kind !== 'offer') return { ok: false, error: { code: 'answer-not-offer' } }
  const r = await answerWith(d.payload)
  return r.ok ? { ...r, room: d.payload.room } : r
}

/** The new device, at a gathering: takes an offer that carries a link code, returns the answer to show, and the code. */
export const answerLinkOffer = async (text: string): Promise<({ ok: true; code: string } & Pairing) | { ok: false; error: SyncError }> => {
  const d = decodePayload(text)
  if (!d.ok) return d
  if (d.payload.kind !== 'link') return { ok: false, error: { code: d.payload.kind === 'answer' ? 'answer-not-offer' : 'pairing-not-link' } }
  const r = await answerWith(d.payload)
  return r.ok ? { ...r, code: d.payload.code } : r
}

const answerWith = async (offer: { pairId: number; sdp: string }): Promise<Answered> => {
  const pc = new RTCPeerConnection({ iceServers: [] })
  const channel = new Promise<RTCDataChannel>((resolve) => { pc.ondatachannel = (e) => resolve(e.channel) })
  try {
    await pc.setRemoteDescription({ type: 'offer', sdp: offer.sdp })
    await pc.setLocalDescription(await pc.createAnswer())
  } catch {
    pc.close()
    return { ok: false, error: { code: 'code-unusable' } }
  }
  await gathered(pc)
  const bytes = encodePayload({ kind: 'answer', pairId: offer.pairId, sdp: '' }, pc.localDescription!.sdp)
  return { ok: true, pc, bytes, connected: channel.then((c) => opened(c, pc)).then(chunkedChannel).then((c) => rememberConnection(c, pc)) }
}

/**
 * After a device is linked in person, the same connection carries rooms, one data channel each (`room/<id>`), chunked
 * and known by its connection for the direct link's hello. The device that belongs opens them; the new one takes them.
 */
export const roomChannel = (pc: RTCPeerConnection, roomId: string): RTCDataChannel =>
  rememberConnection(chunkedChannel(pc.createDataChannel(`room/${roomId}`, { ordered: true })), pc)

export const takeRoomChannels = (pc: RTCPeerConnection, take: (roomId: string, channel: RTCDataChannel) => void) =>
  pc.addEventListener('datachannel', (e) => {
    const m = /^room\/([\w-]{21})$/.exec(e.channel.label)
    if (m) take(m[1], rememberConnection(chunkedChannel(e.channel), pc))
  })
