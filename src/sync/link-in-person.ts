import type { Identity } from '../identity/index.ts'
import { SyncFailure, type SyncError } from './errors.ts'
import { claimLinkOver, offerLinkOver, type Carry, type Offered, type Offering, type Welcome } from './link-device.ts'
import { LINK_MS, newLinkCode } from './link-code.ts'
import { answerLinkOffer, makeLinkOffer } from './peers/index.ts'

/**
 * Linking a device at a gathering, with no relay or signaling server: the two devices pair as phones do for a room
 * (an offer and an answer as QR codes, then a direct data channel), except that the offer carries a link code instead
 * of a room. Over that channel they run the same exchange as through the relay (link-device.ts), sealed with the code.
 */

// after the last message, the channel stays open a moment so that it is delivered before the connection goes
const LINGER_MS = 3000

/** A data channel that is still being connected, as a carrier: a post waits for it to open. */
export const channelCarrier = (connected: Promise<RTCDataChannel>, pc?: { close: () => void }): Carry => (_keys, heard) => {
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
      setTimeout(() => { void channel.then((c) => c.close(), () => {}); pc?.close() }, LINGER_MS)
    },
  }
}

export interface OfferingHere extends Offering {
  /** the offer to show as a QR code (with the code in it) */
  bytes: Uint8Array
  /** takes the new device's answer, scanned or pasted */
  accept: (text: string) => Promise<SyncError | null>
}

/** The device that belongs: an offer to scan, then the exchange over the direct channel. */
export const offerLinkHere = async (person: string, what: Offered, now = Date.now()): Promise<OfferingHere> => {
  const code = newLinkCode()
  const pairing = await makeLinkOffer(code)
  const offering = offerLinkOver(channelCarrier(pairing.connected, pairing.pc), person, what, now, code)
  // a code that expires or is cancelled before the other device connects leaves no connection waiting
  void offering.done.then((v) => { if (v === 'expired') pairing.pc.close() })
  return { ...offering, bytes: pairing.bytes, accept: pairing.accept }
}

export type ClaimingHere = { ok: true; bytes: Uint8Array; welcome: Promise<Welcome | null> } | { ok: false; error: SyncError }

/** The new device: takes the offer it scanned, returns the answer to show, and its welcome once the exchange is done. */
export const claimLinkHere = async (me: Identity, text: string, wait = LINK_MS): Promise<ClaimingHere> => {
  const r = await answerLinkOffer(text)
  if (!r.ok) return r
  const welcome = claimLinkOver(channelCarrier(r.connected, r.pc), me, r.code, wait)
  void welcome.then((w) => { if (!w) r.pc.close() })
  return { ok: true, bytes: r.bytes, welcome }
}
