import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js'

/** The one SHA-256: ids, fingerprints, topics and digests all hash with it. */
export const sha256 = (bytes: Uint8Array): Uint8Array => nobleSha256(bytes)

/** The same SHA-256, natively where the platform has WebCrypto: a relay snapshot is megabytes, and noble takes 100 ms or more for one on a phone. */
export const sha256Async = async (bytes: Uint8Array): Promise<Uint8Array> => {
  const subtle = globalThis.crypto?.subtle
  if (!subtle) return sha256(bytes)
  try {
    return new Uint8Array(await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>))
  } catch {
    return sha256(bytes)
  }
}
