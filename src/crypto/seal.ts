import { xchacha20poly1305 } from '@noble/ciphers/chacha.js'
import { randomBytes } from '@noble/ciphers/utils.js'
import { utf8ToBytes } from '@noble/hashes/utils.js'
import { Inflate, deflateSync } from 'fflate'
import type { RoomKeys } from './keys.ts'

/**
 * What a sealed blob is for; bound into the AEAD so the relay can't move a blob to another room or pass an update off
 * as a snapshot. 'entry' and 'cover' are an update and a snapshot that also carry, sealed, where they sit in the log
 * (sync/relay/sealed.ts); 'update' and 'snapshot' are the older blobs without. 'push' is a notification or a reminder,
 * sent through the relay to a service worker (sync/relay/push.ts).
 */
export type SealKind = 'update' | 'snapshot' | 'presence' | 'entry' | 'cover' | 'link' | 'push' | 'repair'

const NONCE = 24
const COMPRESS_OVER = 1024
/** the largest plaintext a peer may make us inflate: past it, the blob is refused */
export const MAX_OPENED = 64 * 1024 * 1024
/** records deflate about 4×; no honest blob comes near this */
export const MAX_RATIO = 20
/**
 * Input is fed in slices no larger than what the output allowed so far could come from (deflate expands at most about
 * 1032×), and at most 4 KB: so no one slice inflates far past the caps, however much honest data came before a bomb.
 */
const sliceFor = (allowed: number, total: number) => Math.max(256, Math.min(4096, Math.floor((allowed - total) / 1032)))

const aad = (keys: RoomKeys, kind: SealKind) => utf8ToBytes(`hearth/${kind}/${keys.topic}`)

/** Small updates are padded to a few sizes, so the relay learns less from lengths. */
const bucket = (n: number) => {
  for (const size of [256, 1024, 4096, 16384]) if (n <= size) return size
  return Math.ceil(n / 65536) * 65536
}

/** plaintext framing: flag (0 plain, 1 deflated) ‖ u32 length ‖ body ‖ zero padding */
const frame = (data: Uint8Array): Uint8Array => {
  const packed = data.length > COMPRESS_OVER ? deflateSync(data, { level: 1 }) : data
  const deflated = packed !== data && packed.length < data.length
  const body = deflated ? packed : data
  const out = new Uint8Array(bucket(5 + body.length))
  out[0] = deflated ? 1 : 0
  new DataView(out.buffer).setUint32(1, body.length)
  out.set(body, 5)
  return out
}

const unframe = (plain: Uint8Array): Uint8Array | null => {
  if (plain.length < 5 || plain[0] > 1) return null
  const length = new DataView(plain.buffer, plain.byteOffset).getUint32(1)
  if (5 + length > plain.length) return null
  const body = plain.subarray(5, 5 + length)
  if (plain[0] === 0) return body
  // Hearth's records deflate a few times over; a blob that inflates far more is a bomb
  return inflateCapped(body, MAX_OPENED, MAX_RATIO)
}

/**
 * Inflates in slices and gives up as soon as the output passes `cap`, or passes `ratio` times the input read so far
 * (plus a little slack): a bomb stops after its first slice, before it can balloon in memory. Slices stay small,
 * since one slice of deflated zeros inflates about 1000×.
 */
export const inflateCapped = (body: Uint8Array, cap: number, ratio = Infinity): Uint8Array | null => {
  const parts: Uint8Array[] = []
  let total = 0
  let read = 0
  let over = false
  const allowed = () => (ratio === Infinity ? cap : Math.min(cap, read * ratio + 65536))
  const inflate = new Inflate((chunk) => {
    total += chunk.length
    if (total > allowed()) over = true
    else parts.push(chunk)
  })
  try {
    while (read < body.length && !over) {
      const end = Math.min(body.length, read + sliceFor(allowed(), total))
      const last = end === body.length
      const chunk = body.subarray(read, end)
      read = end
      inflate.push(chunk, last)
    }
  } catch {
    return null
  }
  if (over) return null
  const out = new Uint8Array(total)
  let at = 0
  for (const p of parts) { out.set(p, at); at += p.length }
  return out
}

/** nonce ‖ ciphertext, sealed for this room and this kind of blob. */
export const seal = (keys: RoomKeys, kind: SealKind, data: Uint8Array): Uint8Array => {
  const nonce = randomBytes(NONCE)
  const box = xchacha20poly1305(keys.sealKey, nonce, aad(keys, kind)).encrypt(frame(data))
  const out = new Uint8Array(NONCE + box.length)
  out.set(nonce)
  out.set(box, NONCE)
  return out
}

const decrypt = (keys: RoomKeys, kind: SealKind, sealed: Uint8Array): Uint8Array | null => {
  if (sealed.length < NONCE + 16) return null
  try {
    return xchacha20poly1305(keys.sealKey, sealed.subarray(0, NONCE), aad(keys, kind)).decrypt(sealed.subarray(NONCE))
  } catch {
    return null
  }
}

/** The plaintext, or null for anything not sealed by this room's key for this kind. Never throws. */
export const open = (keys: RoomKeys, kind: SealKind, sealed: Uint8Array): Uint8Array | null => unframeSafe(decrypt(keys, kind, sealed))

const unframeSafe = (plain: Uint8Array | null): Uint8Array | null => {
  try {
    return plain && unframe(plain)
  } catch {
    return null
  }
}

/** a deflated body this large inflates natively where it can (fflate inflates in small steps, to keep to its caps) */
const NATIVE_FROM = 64 * 1024
const canInflate = typeof DecompressionStream !== 'undefined'

/**
 * A native step: 4 KB, or more while the output is far from its caps. Deflate expands at most about 1032×, so a step of
 * what the caps still allow over 1032 cannot carry the output past them; halved, since the stream may still hold the
 * output of the step before, unread. A bomb then stops where it stopped with 4 KB steps: at the caps, plus 4 MB at most.
 */
const stepFor = (allowed: number, total: number) => Math.max(4096, Math.floor((allowed - total) / (2 * 1032)))

/**
 * Inflates natively (DecompressionStream) in steps (stepFor), and stops as soon as the output passes `cap`, or `ratio`
 * times what was fed so far (plus a little slack): the same caps as inflateCapped, so a bomb stops at its first steps.
 */
export const inflateNative = async (body: Uint8Array, cap: number, ratio = Infinity): Promise<Uint8Array | null> => {
  const stream = new DecompressionStream('deflate-raw')
  const writer = stream.writable.getWriter()
  const reader = stream.readable.getReader()
  let fed = 0
  let stop = false
  let total = 0
  const allowed = () => (ratio === Infinity ? cap : Math.min(cap, fed * ratio + 65536))
  const feed = (async () => {
    while (fed < body.length && !stop) {
      const chunk = body.slice(fed, fed + stepFor(allowed(), total))
      fed += chunk.length
      await writer.write(chunk)
    }
    if (!stop) await writer.close()
  })().catch(() => { stop = true })
  const parts: Uint8Array[] = []
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      total += value.length
      if (total > allowed()) {
        stop = true
        await reader.cancel().catch(() => {})
        return null
      }
      parts.push(value)
    }
  } catch {
    stop = true
    return null
  } finally {
    await feed
  }
  const out = new Uint8Array(total)
  let at = 0
  for (const p of parts) { out.set(p, at); at += p.length }
  return out
}

/** As open, but a large deflated blob inflates natively where the platform can, with the same caps. Never throws. */
export const openAsync = async (keys: RoomKeys, kind: SealKind, sealed: Uint8Array): Promise<Uint8Array | null> => {
  const plain = decrypt(keys, kind, sealed)
  if (!plain || !canInflate || plain.length < 5 || plain[0] !== 1) return unframeSafe(plain)
  const length = new DataView(plain.buffer, plain.byteOffset).getUint32(1)
  if (length < NATIVE_FROM || 5 + length > plain.length) return unframeSafe(plain)
  return inflateNative(plain.subarray(5, 5 + length), MAX_OPENED, MAX_RATIO).catch(() => null)
}
