import { ed25519 } from '@noble/curves/ed25519.js'
import { fromBase64url, toBase64url, utf8 } from '../crypto/index.ts'

/** A member id is the base64url of the member's raw Ed25519 public key (43 characters). */
export type MemberId = string

export interface Identity {
  id: MemberId
  publicKey: CryptoKey
  privateKey: CryptoKey
}

const ED = { name: 'Ed25519' } as const
const subtle = () => globalThis.crypto.subtle

export const MEMBER_ID = /^[A-Za-z0-9_-]{43}$/

export const hasCrypto = (): boolean => !!globalThis.crypto?.subtle

export const createIdentity = async (): Promise<Identity> => {
  // the private key is not extractable: it can be stored in IndexedDB but never read out
  const pair = (await subtle().generateKey(ED, false, ['sign', 'verify'])) as CryptoKeyPair
  return identityFromPair(pair)
}

export const identityFromPair = async (pair: CryptoKeyPair): Promise<Identity> => {
  const raw = new Uint8Array(await subtle().exportKey('raw', pair.publicKey))
  return { id: toBase64url(raw), publicKey: pair.publicKey, privateKey: pair.privateKey }
}

export const sign = async (identity: Identity, message: string): Promise<string> =>
  toBase64url(new Uint8Array(await subtle().sign(ED, identity.privateKey, utf8(message) as BufferSource)))

/**
 * The key bytes of a member id, if they are a canonical encoding of a curve point that is not of small order.
 * A small-order key has signatures anyone can make (S = 0), so it would be a puppet every member could sign for.
 */
const pointOf = (id: MemberId): Uint8Array | null => {
  const raw = MEMBER_ID.test(id) ? fromBase64url(id) : null
  if (!raw || raw.length !== 32) return null
  try {
    return ed25519.Point.fromBytes(raw).isSmallOrder() ? null : raw
  } catch {
    return null
  }
}

const checked = new Map<MemberId, boolean>()

/** True when `id` names a key someone can hold: refuses what is not a point, or is of small order. Never throws. */
export const isMemberKey = (id: MemberId): boolean => {
  let ok = checked.get(id)
  if (ok === undefined) {
    ok = pointOf(id) !== null
    if (checked.size > 10_000) checked.clear()
    checked.set(id, ok)
  }
  return ok
}

const keyCache = new Map<MemberId, Promise<CryptoKey | null>>()

const publicKeyOf = (id: MemberId): Promise<CryptoKey | null> => {
  let key = keyCache.get(id)
  if (!key) {
    const raw = pointOf(id)
    key = raw
      ? subtle().importKey('raw', raw as BufferSource, ED, true, ['verify']).catch(() => null)
      : Promise.resolve(null)
    keyCache.set(id, key)
  }
  return key
}

/** True only when `signature` is `id`'s signature of `message`. Never throws. */
export const verify = async (id: MemberId, message: string, signature: string): Promise<boolean> => {
  const key = await publicKeyOf(id)
  const sig = fromBase64url(signature)
  if (!key || !sig || sig.length !== 64) return false
  try {
    return await subtle().verify(ED, key, sig as BufferSource, utf8(message) as BufferSource)
  } catch {
    return false
  }
}
