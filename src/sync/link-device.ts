import { nanoid } from 'nanoid'
import { consentTo, deviceConsent, sign, verify, type Identity } from '../identity/index.ts'
import { isBoxKey, newBoxKeys, open, openBox, roomKeys, seal, sealBoxes, type RoomKeys } from '../crypto/index.ts'
import type { DeviceRecord } from '../model/index.ts'
import { relaySocket } from './relay/index.ts'
import type { RoomRef } from './link.ts'

/**
 * Linking a device. The device that belongs makes a link code; the code is a one-time secret from which, as from a
 * room's secret, come a topic, a seal key and a write key. The two devices then say, sealed with the code:
 *   offer   (old → new) the person id, and when the code expires;
 *   claim   (new → old) the new device's key and its consent to be that person's device (its proof of holding the key),
 *           and a lockbox key of this claim's own, signed by the device;
 *   welcome (old → new) the certificates that make it the person's, and the person's rooms (links and secrets) and name
 *           in a lockbox for that key only.
 * The old device answers one claim, before the code expires, and then stops listening: the code works once. The rooms
 * are boxed because the relay keeps what was said: whoever learns the code later can read the welcome, but not open it.
 * One exchange, two carriers: the relay (a mailbox on the code's topic, so the relay sees a topic and sealed bytes
 * only) or a data channel made in person (link-in-person.ts), with no server at all.
 */
export type LinkMessage =
  | { t: 'offer'; p: string; until: number }
  | { t: 'claim'; d: string; ds: string; x: string; xs: string }
  | { t: 'welcome'; p: string; certs: DeviceRecord[]; e: string; box: string }

/** What the new device takes on: its person, the certificates that say so, the person's rooms and name. */
export interface Welcome { p: string; certs: DeviceRecord[]; rooms: RoomRef[]; name: string }

// the claimer signs its lockbox key for this code and person, so that nobody who holds the code can swap in their own
const boxText = (topic: string, p: string, x: string) => `hearth/link-box\n${topic}\n${p}\n${x}`
const boxContext = (topic: string, d: string) => `hearth/link/${topic}/${d}`

import { LINK_MS, newLinkCode } from './link-code.ts'

export { LINK_MS }

/** What carries a link code's sealed messages between the two devices: post them, hear the other's, let go. */
export interface LinkCarrier { post: (sealed: Uint8Array) => Promise<void>; close: () => void }
export type Carry = (keys: RoomKeys, heard: (sealed: Uint8Array) => void) => LinkCarrier

const keysOf = (code: string) => roomKeys(`hearth/link/${code}`)

/** The relay as a carrier: a mailbox on the code's topic, read from its start and as messages come. */
export const relayCarrier = (url: string): Carry => (keys, heard) => {
  const socket = relaySocket(url)
  let joined: Promise<void> | null = null
  const release = socket.attach(keys.topic, {
    update: (_seq, data) => heard(data),
    heard: () => {},
    open: () => { joined = socket.join(keys, 0).then((s) => { s.updates.forEach((u) => heard(u.data)) }, () => {}) },
    close: () => {},
  })
  const post = async (sealed: Uint8Array) => {
    for (let i = 0; i < 50 && !socket.isOpen(); i++) await new Promise((r) => setTimeout(r, 100))
    await joined
    await socket.push(keys.topic, nanoid(16), sealed)
  }
  return { post, close: release }
}

/** The exchange's side of a carrier: what it hears opened with the code's keys (anything else is not ours), what it says sealed. */
const mailbox = (carry: Carry, code: string, heard: (m: LinkMessage) => void) => {
  const keys = keysOf(code)
  const carrier = carry(keys, (data) => {
    const plain = open(keys, 'link', data)
    if (!plain) return
    try { heard(JSON.parse(new TextDecoder().decode(plain)) as LinkMessage) } catch { /* not ours */ }
  })
  const post = (m: LinkMessage) => carrier.post(seal(keys, 'link', new TextEncoder().encode(JSON.stringify(m))))
  return { post, close: carrier.close, topic: keys.topic }
}

export interface Offering { code: string; until: number; done: Promise<'linked' | 'expired'>; cancel: () => void }

export interface Offered {
  /** signs the new device's certificate (and writes it into the open rooms); returns it with the person's others */
  certify: (d: string, ds: string) => Promise<DeviceRecord[] | null>
  rooms: () => RoomRef[]
  name: () => string
}

/** The device that belongs offers a link code over `carry`; what `certify` returns goes to the new device. */
export const offerLinkOver = (carry: Carry, person: string, what: Offered, now = Date.now(), code = newLinkCode()): Offering => {
  const until = now + LINK_MS
  let settle: (v: 'linked' | 'expired') => void = () => {}
  const done = new Promise<'linked' | 'expired'>((r) => { settle = r })
  let used = false
  const box = mailbox(carry, code, async (m) => {
    if (m.t !== 'claim' || used || Date.now() > until || ![m.d, m.ds, m.x, m.xs].every((v) => typeof v === 'string') || !isBoxKey(m.x)) return
    if (!(await verify(m.d, deviceConsent(person, m.d), m.ds)) || !(await verify(m.d, boxText(box.topic, person, m.x), m.xs))) return
    // checked again: two claims may both have passed the first check while their signatures were verified
    if (used) return
    used = true
    const certs = await what.certify(m.d, m.ds)
    if (!certs) return
    const { e, boxes } = sealBoxes(JSON.stringify({ rooms: what.rooms(), name: what.name() }), [{ member: m.d, pub: m.x }], (d) => boxContext(box.topic, d))
    const sealed = boxes.get(m.d)
    if (!sealed) return finish('expired')
    await box.post({ t: 'welcome', p: person, certs, e, box: sealed })
    finish('linked')
  })
  const timer = setTimeout(() => finish('expired'), until - now)
  const finish = (v: 'linked' | 'expired') => {
    clearTimeout(timer)
    used = true
    box.close()
    settle(v)
  }
  void box.post({ t: 'offer', p: person, until }).catch(() => {})
  return { code, until, done, cancel: () => finish('expired') }
}

/** The new device: reads the offer, claims with its consent, and waits for its welcome (null: none came in time). */
export const claimLinkOver = (carry: Carry, me: Identity, code: string, wait = LINK_MS): Promise<Welcome | null> =>
  new Promise((resolve) => {
    let claimed: string | null = null
    const mine = newBoxKeys()
    const timer = setTimeout(() => finish(null), wait)
    const finish = (v: Welcome | null) => {
      clearTimeout(timer)
      box.close()
      resolve(v)
    }
    const box = mailbox(carry, code, async (m) => {
      if (m.t === 'offer' && !claimed && typeof m.p === 'string' && m.until > Date.now()) {
        claimed = m.p
        const xs = await sign(me, boxText(box.topic, m.p, mine.pub))
        await box.post({ t: 'claim', d: me.id, ds: await consentTo(me, m.p), x: mine.pub, xs }).catch(() => finish(null))
      } else if (m.t === 'welcome' && claimed && m.p === claimed && Array.isArray(m.certs) && typeof m.e === 'string' && typeof m.box === 'string') {
        // another claim's welcome (the relay keeps it) is not for this device: it won't open
        const plain = openBox(mine, m.e, m.box, boxContext(box.topic, me.id))
        if (!plain) return
        try {
          const { rooms, name } = JSON.parse(plain) as { rooms: RoomRef[]; name: string }
          if (Array.isArray(rooms)) finish({ p: m.p, certs: m.certs, rooms, name: typeof name === 'string' ? name : '' })
        } catch { /* not a welcome */ }
      }
    })
  })

/** Linking through the relay at `url`. */
export const offerLink = (url: string, _me: Identity, person: string, what: Offered, now = Date.now()): Offering =>
  offerLinkOver(relayCarrier(url), person, what, now)

export const claimLink = (url: string, me: Identity, code: string, wait = LINK_MS): Promise<Welcome | null> =>
  claimLinkOver(relayCarrier(url), me, code, wait)
