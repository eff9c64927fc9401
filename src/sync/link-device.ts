import { nanoid } from 'nanoid'
import { consentTo, deviceConsent, verify, type Identity } from '../identity/index.ts'
import { open, roomKeys, seal } from '../crypto/index.ts'
import type { DeviceRecord } from '../model/index.ts'
import { relaySocket } from './relay/index.ts'
import type { RoomRef } from './link.ts'

/**
 * Linking a device through the relay. The device that belongs makes a link code; the code is a one-time secret from
 * which, as from a room's secret, come a relay topic, a seal key and a write key, so the relay sees a topic and
 * sealed bytes only. The two devices then say, sealed:
 *   offer   (old → new) the person id, and when the code expires;
 *   claim   (new → old) the new device's key and its consent to be that person's device (its proof of holding the key);
 *   welcome (old → new) the certificates that make it the person's, the person's rooms (links and secrets) and name.
 * The old device answers one claim, before the code expires, and then stops listening: the code works once.
 */
export type LinkMessage =
  | { t: 'offer'; p: string; until: number }
  | { t: 'claim'; d: string; ds: string }
  | { t: 'welcome'; p: string; certs: DeviceRecord[]; rooms: RoomRef[]; name: string }

import { LINK_MS, newLinkCode } from './link-code.ts'

export { LINK_MS }

const keysOf = (code: string) => roomKeys(`hearth/link/${code}`)

/** A mailbox on the relay for one link code: read what is there and what comes, and post. */
const mailbox = (url: string, code: string, heard: (m: LinkMessage) => void) => {
  const keys = keysOf(code)
  const socket = relaySocket(url)
  const read = (data: Uint8Array) => {
    const plain = open(keys, 'link', data)
    if (!plain) return
    try { heard(JSON.parse(new TextDecoder().decode(plain)) as LinkMessage) } catch { /* not ours */ }
  }
  let joined: Promise<void> | null = null
  const release = socket.attach(keys.topic, {
    update: (_seq, data) => read(data),
    heard: () => {},
    open: () => { joined = socket.join(keys, 0).then((s) => { s.updates.forEach((u) => read(u.data)) }, () => {}) },
    close: () => {},
  })
  const post = async (m: LinkMessage) => {
    for (let i = 0; i < 50 && !socket.isOpen(); i++) await new Promise((r) => setTimeout(r, 100))
    await joined
    await socket.push(keys.topic, nanoid(16), seal(keys, 'link', new TextEncoder().encode(JSON.stringify(m))))
  }
  return { post, close: release }
}

export interface Offering { code: string; until: number; done: Promise<'linked' | 'expired'>; cancel: () => void }

/**
 * The device that belongs offers a link code. `certify` signs the new device's certificate (and writes it into the
 * open rooms); what it returns, with the person's other certificates, goes to the new device.
 */
export const offerLink = (url: string, me: Identity, person: string, what: {
  certify: (d: string, ds: string) => Promise<DeviceRecord[] | null>
  rooms: () => RoomRef[]
  name: () => string
}, now = Date.now()): Offering => {
  const code = newLinkCode()
  const until = now + LINK_MS
  let settle: (v: 'linked' | 'expired') => void = () => {}
  const done = new Promise<'linked' | 'expired'>((r) => { settle = r })
  let used = false
  const box = mailbox(url, code, async (m) => {
    if (m.t !== 'claim' || used || Date.now() > until || typeof m.d !== 'string' || typeof m.ds !== 'string') return
    if (!(await verify(m.d, deviceConsent(person, m.d), m.ds))) return
    used = true
    const certs = await what.certify(m.d, m.ds)
    if (!certs) return
    await box.post({ t: 'welcome', p: person, certs, rooms: what.rooms(), name: what.name() })
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

/** The new device: reads the offer, claims with its consent, and waits for its welcome. */
export const claimLink = (url: string, me: Identity, code: string, wait = LINK_MS): Promise<Extract<LinkMessage, { t: 'welcome' }> | null> =>
  new Promise((resolve) => {
    let claimed = false
    const timer = setTimeout(() => finish(null), wait)
    const finish = (v: Extract<LinkMessage, { t: 'welcome' }> | null) => {
      clearTimeout(timer)
      box.close()
      resolve(v)
    }
    const box = mailbox(url, code, async (m) => {
      if (m.t === 'offer' && !claimed && typeof m.p === 'string' && m.until > Date.now()) {
        claimed = true
        await box.post({ t: 'claim', d: me.id, ds: await consentTo(me, m.p) }).catch(() => finish(null))
      } else if (m.t === 'welcome' && claimed && Array.isArray(m.certs) && Array.isArray(m.rooms)) finish(m)
    })
  })
