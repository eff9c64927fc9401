import { ed25519 } from '@noble/curves/ed25519.js'
import { utf8ToBytes } from '@noble/hashes/utils.js'
import { signerKey, verifyNow, type SignerKey } from './ed25519.ts'
import { toBase64url } from './encoding.ts'
import { sha256 } from './hash.ts'
import { derive } from './ids.ts'

/**
 * Everything a room's secret gives, each from its own HKDF label, so that no one key says anything about another.
 * The secret itself never leaves the link's fragment or this device.
 */
export interface RoomKeys {
  /** what the relay and signaling know the room by: a hash of the write public key, never the room id */
  topic: string
  /** XChaCha20-Poly1305 key that seals every update and snapshot */
  sealKey: Uint8Array
  /** Ed25519 room write key: proves to the relay that a client holds the secret */
  writeSecret: Uint8Array
  writePub: Uint8Array
}


/** topic = SHA-256("hearth/topic" ‖ writePub): the relay checks this on every read and write, so nobody can claim a topic first. */
export const topicOf = (writePub: Uint8Array): string => {
  const label = utf8ToBytes('hearth/topic')
  const input = new Uint8Array(label.length + writePub.length)
  input.set(label)
  input.set(writePub, label.length)
  return toBase64url(sha256(input))
}

const cache = new Map<string, RoomKeys>()

export const roomKeys = (secret: string): RoomKeys => {
  let keys = cache.get(secret)
  if (!keys) {
    const writeSecret = derive(secret, 'hearth/write')
    const writePub = ed25519.getPublicKey(writeSecret)
    keys = { topic: topicOf(writePub), sealKey: derive(secret, 'hearth/seal'), writeSecret, writePub }
    cache.set(secret, keys)
  }
  return keys
}


export const signWrite = (keys: RoomKeys, message: Uint8Array): Uint8Array => ed25519.sign(message, keys.writeSecret)

const writeKeys = new Map<string, SignerKey | null>()

/** Under Hearth's one Ed25519 rule (ed25519.ts); the key's checks are kept per key, as a relay sees the same rooms again. */
export const verifyWrite = (writePub: Uint8Array, message: Uint8Array, sig: Uint8Array): boolean => {
  const id = toBase64url(writePub)
  let key = writeKeys.get(id)
  if (key === undefined) {
    key = signerKey(writePub)
    if (writeKeys.size > 10_000) writeKeys.clear()
    writeKeys.set(id, key)
  }
  return !!key && verifyNow(key, message, sig)
}
