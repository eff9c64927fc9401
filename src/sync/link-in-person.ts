import type { Identity } from '../identity/index.ts'
import { SyncFailure, type SyncError } from './errors.ts'
import { claimLinkOver, offerLinkOver, type Carry, type Offered, type Offering, type Welcome } from './link-device.ts'
import { LINK_MS, newLinkCode } from './link-code.ts'
import { answerLinkOffer, makeLinkOffer, roomChannel, takeRoomChannels } from './peers/index.ts'

/**
 * Linking a device at a gathering, with no relay or signaling server: the two devices pair as phones do for a room
 * (an offer and an answer as QR codes, then a direct data channel), except that the offer carries a link code instead
 * of a room. Over that channel they run the same exchange as through the relay (link-device.ts), sealed with the code.
 * Once linked, the same connection carries the rooms the device that belongs has open, so that the new device gets
 * their invitations too, with no server to fetch them from.
 */

// after the last message, the channel stays open a moment so that it is delivered before it goes
const LINGER_MS = 3000

/** A data channel that is still being connected, as a carrier: a post waits for it to open. */
export const channelCarrier = (connected: Promise<RTCDataChannel>): Carry => (_keys, heard) => {
  let closed = false
  const channel = connected.then((c) => {
    c.onmessage = (e: { data: ArrayBuffer }) => { if (!closed) heard(new Uint8Array(e.data)) }
    return c
  })
  channel.catch(() => {})
  return {
    async post(sealed) {
      const c = await channel
      if (c.readyState !== 'open') throw new SyncFailure({ code: 'phones-unreachable' })
      c.send(sealed as Uint8Array<ArrayBuffer>)
    },
    close() {
      if (closed) return
      closed = true
      setTimeout(() => void channel.then((c) => c.close(), () => {}), LINGER_MS)
    },
  }
}

/** A room a linked device can be given over the connection: its id, and its session's way to take a direct channel. */
export interface CarriedRoom { id: string; attach: (channel: RTCDataChannel) => void }

export interface OfferingHere extends Offering {
  /** the offer to show as a QR code (with the code in it) */
  bytes: Uint8Array
  /** takes the new device's answer, scanned or pasted */
  accept: (text: string) => Promise<SyncError | null>
}

/** The device that belongs: an offer to scan, then the exchange over the direct channel, then `rooms` over it too. */
export const offerLinkHere = async (person: string, what: Offered & { carried: () => Promise<CarriedRoom[]> }, now = Date.now()): Promise<OfferingHere> => {
  const code = newLinkCode()
  const pairing = await makeLinkOffer(code)
  const offering = offerLinkOver(channelCarrier(pairing.connected), person, what, now, code)
  void offering.done.then(async (v) => {
    // a code that expires or is cancelled before the other device connects leaves no connection waiting
    if (v !== 'linked') return pairing.pc.close()
    const rooms = await what.carried().catch(() => [])
    if (!rooms.length) return setTimeout(() => pairing.pc.close(), LINGER_MS)
    for (const r of rooms) r.attach(await roomChannel(pairing.pc, r.id))
  })
  return { ...offering, bytes: pairing.bytes, accept: pairing.accept }
}

export type ClaimingHere = { ok: true; bytes: Uint8Array; welcome: Promise<Welcome | null> } | { ok: false; error: SyncError }

/**
 * The new device: takes the offer it scanned, returns the answer to show, and its welcome once the exchange is done.
 * Rooms then carried over the connection go to `open` (which opens the room here, once the welcome is taken); a
 * room the welcome did not give is refused.
 */
export const claimLinkHere = async (me: Identity, text: string, open: (roomId: string) => Promise<CarriedRoom | null>, wait = LINK_MS): Promise<ClaimingHere> => {
  const r = await answerLinkOffer(text)
  if (!r.ok) return r
  const welcome = claimLinkOver(channelCarrier(r.connected), me, r.code, wait)
  void welcome.then((w) => { if (!w) r.pc.close() })
  await takeRoomChannels(r.pc, (roomId, channel) => {
    // what comes before the room is open here is kept for it: the other side's hello starts at once
    const early: { data: ArrayBuffer }[] = []
    channel.onmessage = (e: { data: ArrayBuffer }) => early.push(e)
    void welcome.then(async (w) => {
      const room = w?.rooms.some((k) => k.id === roomId) ? await open(roomId).catch(() => null) : null
      if (!room) return channel.close()
      room.attach(channel)
      for (const e of early.splice(0)) channel.onmessage?.(e as MessageEvent)
    })
  })
  return { ok: true, bytes: r.bytes, welcome }
}
