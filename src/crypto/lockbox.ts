import { xchacha20poly1305 } from '@noble/ciphers/chacha.js'
import { x25519 } from '@noble/curves/ed25519.js'
import { hkdf } from '@noble/hashes/hkdf.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { utf8ToBytes } from '@noble/hashes/utils.js'
import { fromBase64url, toBase64url } from './encoding.ts'

/**
 * Lockboxes: a room's new secret sealed to each remaining member's X25519 key. One ephemeral key per re-key; each
 * box's key is HKDF(ECDH(ephemeral, member), ephemeral ‖ member ‖ context), so the nonce may be fixed (a key seals once),
 * and a box can't be moved to another member or another re-key (`context` names the new room and the removal).
 */
export interface BoxKeys {
  /** the X25519 private half, kept on this device only (sealed at rest) */
  secret: Uint8Array
  /** base64url, published in the member's record */
  pub: string
}

const NONCE = new Uint8Array(24)
const SALT = utf8ToBytes('hearth/lockbox/v1')

export const newBoxKeys = (): BoxKeys => boxKeysFrom(x25519.utils.randomSecretKey())

export const boxKeysFrom = (secret: Uint8Array): BoxKeys => ({ secret, pub: toBase64url(x25519.getPublicKey(secret)) })

/** A published X25519 key that a box can be sealed to: 32 bytes, not a low-order point (ECDH would give all zeros). */
export const isBoxKey = (pub: string): boolean => {
  const raw = /^[A-Za-z0-9_-]{43}$/.test(pub) ? fromBase64url(pub) : null
  if (!raw || raw.length !== 32) return false
  try {
    x25519.getSharedSecret(x25519.utils.randomSecretKey(), raw)
    return true
  } catch {
    return false
  }
}

const boxKey = (shared: Uint8Array, ephemeral: Uint8Array, member: Uint8Array, context: string) => {
  const c = utf8ToBytes(context)
  const info = new Uint8Array(64 + c.length)
  info.set(ephemeral)
  info.set(member, 32)
  info.set(c, 64)
  return hkdf(sha256, shared, SALT, info, 32)
}

/** Seals `text` to every member's box key; returns the ephemeral public key and one box per member, as base64url. */
export const sealBoxes = (text: string, to: { member: string; pub: string }[], contextOf: (member: string) => string): { e: string; boxes: Map<string, string> } => {
  const eSecret = x25519.utils.randomSecretKey()
  const ePub = x25519.getPublicKey(eSecret)
  const boxes = new Map<string, string>()
  for (const { member, pub } of to) {
    const raw = fromBase64url(pub)
    if (!raw || !isBoxKey(pub)) continue
    const context = contextOf(member)
    const key = boxKey(x25519.getSharedSecret(eSecret, raw), ePub, raw, context)
    boxes.set(member, toBase64url(xchacha20poly1305(key, NONCE, utf8ToBytes(context)).encrypt(utf8ToBytes(text))))
  }
  eSecret.fill(0)
  return { e: toBase64url(ePub), boxes }
}

/** The text sealed in `box`, or null for a box not sealed to these keys in this context. Never throws. */
export const openBox = (mine: BoxKeys, e: string, box: string, context: string): string | null => {
  const ePub = fromBase64url(e)
  const sealed = fromBase64url(box)
  const myPub = fromBase64url(mine.pub)
  if (!ePub || ePub.length !== 32 || !sealed || !myPub) return null
  try {
    const key = boxKey(x25519.getSharedSecret(mine.secret, ePub), ePub, myPub, context)
    return new TextDecoder('utf-8', { fatal: true }).decode(xchacha20poly1305(key, NONCE, utf8ToBytes(context)).decrypt(sealed))
  } catch {
    return null
  }
}
