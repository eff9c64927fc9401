import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js'

/** The one SHA-256: ids, fingerprints, topics and digests all hash with it. */
export const sha256 = (bytes: Uint8Array): Uint8Array => nobleSha256(bytes)
