import { ed25519 } from '@noble/curves/ed25519.js'
import { sha512 } from '@noble/hashes/sha2.js'

/**
 * Hearth's one Ed25519 rule, the same on every path (the guard, identity and the ledger, repair, the relay): a
 * signature is 64 bytes with S < L; the key is the canonical encoding of a point not of small order; and R is
 * encode([S]B - [k]A) byte for byte, the cofactorless equation, so R is canonical too. Verifiers differed here: the
 * cofactored equation (noble's verify) takes an R with a small-order point added, which WebCrypto refuses, so the
 * guard and the ledger could reach different verdicts on one record. WebCrypto, OpenSSL and `equationHolds` all
 * check this same cofactorless equation, so any of them may serve.
 *
 * Keys with a small-order part (aB + T) are not refused: the same equation treats them alike everywhere, and their
 * holder gains nothing a fresh key would not give. Refusing them needs a torsion check per key that costs about eight
 * verifications in JavaScript, which would make a cold start with many one-record members several times slower.
 */
const { Point } = ed25519
type EdPoint = ReturnType<typeof Point.fromBytes>
const L = Point.Fn.ORDER
const ED = { name: 'Ed25519' } as const

/** A key that passed the rule's checks on keys; only these verify. */
export interface SignerKey {
  readonly bytes: Uint8Array
  readonly point: EdPoint
  web?: Promise<CryptoKey | null>
  /** web, once it has settled: a check then asks WebCrypto at once, not a microtask later */
  webKey?: CryptoKey | null
  node?: unknown
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i]
  return diff === 0
}

const numberLE = (bytes: Uint8Array) => {
  let n = 0n
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i])
  return n
}

/**
 * The key, if `raw` is the canonical encoding of a point not of small order: a small-order key has signatures
 * anyone can make (S = 0), so it would be a puppet every member could sign for.
 */
export const signerKey = (raw: Uint8Array): SignerKey | null => {
  if (raw.length !== 32) return null
  try {
    const point = Point.fromBytes(raw)
    // fromBytes refuses a non-canonical encoding (y ≥ p, or x = 0 with the sign bit set)
    if (point.isSmallOrder()) return null
    return { bytes: raw.slice(), point }
  } catch {
    return null
  }
}

/** S is below L: the rule's check on a signature before any equation */
const canonicalS = (sig: Uint8Array) => sig.length === 64 && numberLE(sig.subarray(32)) < L

/** The cofactorless equation with noble's points: encode([S]B - [k]A) == R, k = SHA-512(R ‖ A ‖ M) mod L. */
export const equationHolds = (key: SignerKey, message: Uint8Array, sig: Uint8Array): boolean => {
  if (!canonicalS(sig)) return false
  const r = sig.subarray(0, 32)
  const hashed = new Uint8Array(64 + message.length)
  hashed.set(r)
  hashed.set(key.bytes, 32)
  hashed.set(message, 64)
  const k = numberLE(sha512(hashed)) % L
  return sameBytes(Point.BASE.multiplyUnsafe(numberLE(sig.subarray(32))).subtract(key.point.multiplyUnsafe(k)).toBytes(), r)
}

type NodeCrypto = typeof import('node:crypto')
/** in Node (the relay), OpenSSL checks the same cofactorless equation several times faster; absent in a browser */
const node = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined
const SPKI_ED25519 = Uint8Array.from([0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00])

const nodeHolds = (n: NodeCrypto, key: SignerKey, message: Uint8Array, sig: Uint8Array): boolean => {
  key.node ??= n.createPublicKey({ key: Buffer.from([...SPKI_ED25519, ...key.bytes]), format: 'der', type: 'spki' })
  return canonicalS(sig) && n.verify(null, message, key.node as ReturnType<NodeCrypto['createPublicKey']>, sig)
}

/** Whether `sig` is `key`'s signature of `message`, at once (the guard, the relay). Never throws. */
export const verifyNow = (key: SignerKey, message: Uint8Array, sig: Uint8Array): boolean => {
  try {
    return node ? nodeHolds(node, key, message, sig) : equationHolds(key, message, sig)
  } catch {
    return false
  }
}

const subtle = () => globalThis.crypto?.subtle

const webKey = (key: SignerKey) =>
  (key.web ??= (subtle()?.importKey('raw', key.bytes as BufferSource, ED, true, ['verify']).catch(() => null) ?? Promise.resolve(null))
    .then((k) => (key.webKey = k)))

/** The same verdict as verifyNow, by WebCrypto where it has Ed25519 (fast, for many at once). Never throws. */
export const verify = async (key: SignerKey, message: Uint8Array, sig: Uint8Array): Promise<boolean> => {
  if (!canonicalS(sig)) return false
  const web = key.webKey !== undefined ? key.webKey : await webKey(key)
  if (!web) return verifyNow(key, message, sig)
  try {
    return await subtle().verify(ED, web, sig as BufferSource, message as BufferSource)
  } catch {
    return false
  }
}
