import { nanoid } from 'nanoid'
import { roomIdFor, toBase64url } from '../crypto/index.ts'
import type { SyncError } from './errors.ts'

/** What a room link carries, all in the URL fragment so that no server ever sees the secret. */
export interface RoomRef {
  id: string
  secret: string
  name?: string
}

const ID = /^[A-Za-z0-9_-]{21}$/
const SECRET = /^[A-Za-z0-9_-]{22,64}$/

export const newRoomRef = (name?: string): RoomRef => {
  const secret = nanoid(32)
  return { id: roomIdFor(secret), secret, name }
}

/** `#/r/<id>?k=<secret>&n=<name>` */
export const roomHash = (ref: RoomRef): string => {
  const q = new URLSearchParams({ k: ref.secret })
  if (ref.name) q.set('n', ref.name)
  return `#/r/${ref.id}?${q}`
}

/** A link a person can paste: the page's own address with the room in the fragment. */
export const roomLink = (ref: RoomRef, base: string): string => `${base.split('#')[0]}${roomHash(ref)}`

/** A room name as shown: no control, bidi or zero-width characters, spaces collapsed, at most 80 characters. */
export const cleanRoomName = (name: string): string =>
  name.normalize('NFC').replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, '').replace(/\s+/gu, ' ').trim().slice(0, 80)

export type Parsed = { ok: true; ref: RoomRef } | { ok: false; error: SyncError }

/** Reads a room from a pasted link or a bare fragment. Says what is wrong instead of throwing. */
export const parseRoomLink = (text: string, known: (id: string) => RoomRef | undefined = () => undefined): Parsed => {
  const trimmed = text.trim()
  const hash = trimmed.includes('#') ? trimmed.slice(trimmed.indexOf('#')) : trimmed
  const m = /^#?\/r\/([^?/]*)(?:\?(.*))?$/.exec(hash)
  if (!m) return { ok: false, error: { code: 'not-a-link' } }
  const [, id, query = ''] = m
  if (!ID.test(id)) return { ok: false, error: { code: 'link-id-damaged' } }
  const q = new URLSearchParams(query)
  const secret = q.get('k') ?? ''
  if (!secret) return { ok: false, error: { code: 'link-no-key' } }
  if (!SECRET.test(secret)) return { ok: false, error: { code: 'link-key-damaged' } }
  const name = cleanRoomName(q.get('n') ?? '') || undefined
  // a room made before ids came from secrets is accepted on a device that already holds it with this key
  if (roomIdFor(secret) !== id && known(id)?.secret !== secret) return { ok: false, error: { code: 'link-wrong-key' } }
  return { ok: true, ref: { id, secret, name } }
}

/** A pairing code as a link: scanned by a phone's own camera app, it opens Hearth on the pairing screen. */
export const pairingLink = (bytes: Uint8Array, base: string) => `${base.split('#')[0]}#/pair/${toBase64url(bytes)}`

/** A device's in-person link offer as a link: a phone's camera opens it on Settings, with the code ready to use. */
export const linkHereLink = (bytes: Uint8Array, base: string) => `${base.split('#')[0]}#/link/${toBase64url(bytes)}`
