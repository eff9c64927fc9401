import { fromBase64url, signerKey, utf8, verify as verifyBytes, verifyNow as verifyBytesNow, type SignerKey } from '../crypto/index.ts'
import { MEMBER_ID, type MemberId } from './keys.ts'

const keys = new Map<MemberId, SignerKey | null>()

/** The key a member id names, if Ed25519's one rule lets it sign (see crypto/ed25519.ts); kept per id. */
const keyOf = (id: MemberId): SignerKey | null => {
  let key = keys.get(id)
  if (key === undefined) {
    const raw = MEMBER_ID.test(id) ? fromBase64url(id) : null
    key = raw && signerKey(raw)
    if (keys.size > 10_000) keys.clear()
    keys.set(id, key)
  }
  return key
}

/**
 * True when `id` names a key someone can hold: refuses what is not a point, or not spelled the one way, or is of
 * small order (signatures anyone can make). Never throws.
 */
export const isMemberKey = (id: MemberId): boolean => keyOf(id) !== null

/** True only when `signature` is `id`'s signature of `message`. Never throws. */
export const verify = async (id: MemberId, message: string, signature: string): Promise<boolean> => {
  const key = keyOf(id)
  const sig = fromBase64url(signature)
  return !!key && !!sig && verifyBytes(key, utf8(message), sig)
}

/** The same verdict as verify, at once, for the guard's rare conflicts (slower per signature than verify). */
export const verifyNow = (id: MemberId, message: string, signature: string): boolean => {
  const key = keyOf(id)
  const sig = fromBase64url(signature)
  return !!key && !!sig && verifyBytesNow(key, utf8(message), sig)
}
