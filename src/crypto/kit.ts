import { base32crockford } from '@scure/base'
import { ed25519 } from '@noble/curves/ed25519.js'
import { sha256 } from './hash.ts'

/**
 * A recovery kit's code: a random 32-byte seed of an Ed25519 key and the 32 bytes of the person it restores, with a
 * 4-byte checksum, in Crockford base32 (case, O/0 and I/L typed either way) grouped by four. The seed's key signs
 * through WebCrypto like any device key, so its signatures meet the app's one verify rule.
 */
const SEED = 32
const PERSON = 32
const SUM = 4
const PREFIX = 'HK1'

const checksum = (body: Uint8Array) => sha256(body).subarray(0, SUM)

export const newKitSeed = (): Uint8Array => globalThis.crypto.getRandomValues(new Uint8Array(SEED))

export const writeKitCode = (seed: Uint8Array, person: Uint8Array): string => {
  const body = new Uint8Array(SEED + PERSON)
  body.set(seed)
  body.set(person, SEED)
  const all = new Uint8Array(body.length + SUM)
  all.set(body)
  all.set(checksum(body), body.length)
  return [PREFIX, ...(base32crockford.encode(all).match(/.{1,4}/g) ?? [])].join('-')
}

/** The seed and person in a kit code (spaces, dashes and line breaks ignored), or null if it is not one or is damaged. */
export const readKitCode = (text: string): { seed: Uint8Array; person: Uint8Array } | null => {
  const plain = text.replace(/[\s-]/g, '').toUpperCase()
  if (!plain.startsWith(PREFIX)) return null
  let all: Uint8Array
  try {
    all = base32crockford.decode(plain.slice(PREFIX.length))
  } catch {
    return null
  }
  if (all.length !== SEED + PERSON + SUM) return null
  const body = all.subarray(0, SEED + PERSON)
  const sum = checksum(body)
  if (sum.some((b, i) => b !== all[SEED + PERSON + i])) return null
  return { seed: body.slice(0, SEED), person: body.slice(SEED) }
}

// PKCS#8 of an Ed25519 private key is this fixed prefix and the 32-byte seed (RFC 8410)
const PKCS8_ED25519 = Uint8Array.from([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20])
const ED = { name: 'Ed25519' } as const

/** The kit's key pair in WebCrypto, from its seed: the private half can sign but not be read out again. */
export const kitKeyPair = async (seed: Uint8Array): Promise<CryptoKeyPair> => {
  const subtle = globalThis.crypto.subtle
  const pkcs8 = new Uint8Array(PKCS8_ED25519.length + SEED)
  pkcs8.set(PKCS8_ED25519)
  pkcs8.set(seed, PKCS8_ED25519.length)
  const privateKey = await subtle.importKey('pkcs8', pkcs8 as BufferSource, ED, false, ['sign'])
  const publicKey = await subtle.importKey('raw', ed25519.getPublicKey(seed) as BufferSource, ED, true, ['verify'])
  return { privateKey, publicKey }
}
