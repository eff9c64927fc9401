import { sha256 } from './hash.ts'
import { utf8 } from './encoding.ts'

/**
 * SHA-256 of a short text, for the hashes a cold open takes of every record (its link, an invitation's id): the
 * same digest as noble's sha256 of its UTF-8 bytes, without its per-call costs (an object, a DataView, the copy of
 * the text's bytes), which were most of a 400-byte hash. Public data only: nothing here is secret, so nothing here
 * needs to take constant time. Checked against noble over every length around the block boundaries.
 */
const K = Int32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
])
const IV = Int32Array.from([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19])
const W = new Int32Array(64)
const H = new Int32Array(8)
const encoder = new TextEncoder()
// room for a record's text (up to 24 KB, a re-key's 128 KB) in UTF-8; grown when a longer one comes
let buf = new Uint8Array(4096)

const block = (b: Uint8Array, at: number) => {
  for (let i = 0; i < 16; i++, at += 4) W[i] = (b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]
  for (let i = 16; i < 64; i++) {
    const x = W[i - 15]
    const y = W[i - 2]
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)
    W[i] = (W[i - 16] + s0 + W[i - 7] + s1) | 0
  }
  let a = H[0], b1 = H[1], c = H[2], d = H[3], e = H[4], f = H[5], g = H[6], h = H[7]
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))
    const t1 = (h + S1 + ((e & f) ^ (~e & g)) + K[i] + W[i]) | 0
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))
    const t2 = (S0 + ((a & b1) ^ (a & c) ^ (b1 & c))) | 0
    h = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b1; b1 = a; a = (t1 + t2) | 0
  }
  H[0] = (H[0] + a) | 0; H[1] = (H[1] + b1) | 0; H[2] = (H[2] + c) | 0; H[3] = (H[3] + d) | 0
  H[4] = (H[4] + e) | 0; H[5] = (H[5] + f) | 0; H[6] = (H[6] + g) | 0; H[7] = (H[7] + h) | 0
}

/** SHA-256 of `text` in UTF-8: the first `n` bytes of the digest (at most 32). */
export const sha256Text = (text: string, n = 32): Uint8Array => {
  // the length below is spelt in 32 bits; no record comes near
  if (text.length > 1 << 24) return sha256(utf8(text)).slice(0, n)
  // UTF-8 takes at most 3 bytes per UTF-16 unit; 72 more for the padding and the length
  if (buf.length < text.length * 3 + 72) buf = new Uint8Array(text.length * 3 + 72)
  const len = encoder.encodeInto(text, buf).written
  const total = (len + 9 + 63) & ~63
  buf[len] = 0x80
  buf.fill(0, len + 1, total - 4)
  const bits = len * 8
  buf[total - 4] = bits >>> 24; buf[total - 3] = bits >>> 16; buf[total - 2] = bits >>> 8; buf[total - 1] = bits
  H.set(IV)
  for (let at = 0; at < total; at += 64) block(buf, at)
  const out = new Uint8Array(n)
  for (let i = 0; i < n; i++) out[i] = H[i >> 2] >>> (24 - 8 * (i & 3))
  return out
}
