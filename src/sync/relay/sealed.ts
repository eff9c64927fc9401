import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { open, openAsync, seal, sha256, sha256Async, type RoomKeys } from '../../crypto/index.ts'

/**
 * What the relay may not say in clear: where an entry sits and what a snapshot covers. Sealed with the blob, so a relay
 * (or a proxy in front of it) that relabels a seq, claims a head or withholds a tail is caught by what the blobs say.
 *
 * - An entry carries its author's position: a stream (one per phone and session) and a counter that goes up by one
 *   with every entry that phone pushes. A gap in a stream is a withheld entry.
 * - A snapshot carries its cover: the relay seq it covers, the stream heads it holds, and the hash of the sealed
 *   snapshot it replaces (empty for none), so a snapshot labelled past its cover, or one that covers less than the
 *   log shows, is seen for what it is.
 */
export interface Position { stream: string; n: number }
export interface Cover { seq: number; heads: Record<string, number>; prev: Uint8Array }

export interface OpenedEntry { update: Uint8Array; pos?: Position }
export interface OpenedSnapshot { update: Uint8Array; cover?: Cover }

/**
 * A cover names at most this many streams, each of the form this code makes (nanoid(12), see relay.ts): a member
 * can't make every honest snapshot after theirs carry a long list of long names, nor push one past the relay's bound.
 */
export const MAX_HEADS = 4096
const STREAM = /^[A-Za-z0-9_-]{12}$/
export const isStream = (s: string): boolean => STREAM.test(s)

export const sealEntry = (keys: RoomKeys, pos: Position, update: Uint8Array): Uint8Array => {
  const e = encoding.createEncoder()
  encoding.writeVarString(e, pos.stream)
  encoding.writeVarUint(e, pos.n)
  encoding.writeVarUint8Array(e, update)
  return seal(keys, 'entry', encoding.toUint8Array(e))
}

/** an entry with its position, or an older one without; null when it is not this room's */
export const openEntry = (keys: RoomKeys, sealed: Uint8Array): OpenedEntry | null => {
  const plain = open(keys, 'entry', sealed)
  if (!plain) {
    const update = open(keys, 'update', sealed)
    return update ? { update } : null
  }
  return readEntry(plain)
}

/** as openEntry, but a large one inflates off the script where it can (crypto's openAsync) */
export const openEntryAsync = async (keys: RoomKeys, sealed: Uint8Array): Promise<OpenedEntry | null> => {
  const plain = await openAsync(keys, 'entry', sealed)
  if (!plain) {
    const update = await openAsync(keys, 'update', sealed)
    return update ? { update } : null
  }
  return readEntry(plain)
}

const readEntry = (plain: Uint8Array): OpenedEntry | null => {
  try {
    const d = decoding.createDecoder(plain)
    const pos = { stream: decoding.readVarString(d), n: decoding.readVarUint(d) }
    return isStream(pos.stream) ? { pos, update: decoding.readVarUint8Array(d) } : null
  } catch {
    return null
  }
}

export const sealCover = (keys: RoomKeys, cover: Cover, update: Uint8Array): Uint8Array => {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, cover.seq)
  encoding.writeVarUint8Array(e, cover.prev)
  const heads = Object.entries(cover.heads)
  encoding.writeVarUint(e, heads.length)
  for (const [stream, n] of heads) { encoding.writeVarString(e, stream); encoding.writeVarUint(e, n) }
  encoding.writeVarUint8Array(e, update)
  return seal(keys, 'cover', encoding.toUint8Array(e))
}

export const openSnapshot = (keys: RoomKeys, sealed: Uint8Array): OpenedSnapshot | null => {
  const plain = open(keys, 'cover', sealed)
  if (!plain) {
    const update = open(keys, 'snapshot', sealed)
    return update ? { update } : null
  }
  return readCover(plain)
}

export const openSnapshotAsync = async (keys: RoomKeys, sealed: Uint8Array): Promise<OpenedSnapshot | null> => {
  const plain = await openAsync(keys, 'cover', sealed)
  if (!plain) {
    const update = await openAsync(keys, 'snapshot', sealed)
    return update ? { update } : null
  }
  return readCover(plain)
}

const readCover = (plain: Uint8Array): OpenedSnapshot | null => {
  try {
    const d = decoding.createDecoder(plain)
    const seq = decoding.readVarUint(d)
    const prev = decoding.readVarUint8Array(d)
    const count = decoding.readVarUint(d)
    if (count > MAX_HEADS) return null
    const heads: Record<string, number> = {}
    for (let i = 0; i < count; i++) {
      const stream = decoding.readVarString(d)
      if (!isStream(stream)) return null
      heads[stream] = decoding.readVarUint(d)
    }
    return { cover: { seq, heads, prev }, update: decoding.readVarUint8Array(d) }
  } catch {
    return null
  }
}

/** what a cover names as the snapshot it replaces */
export const snapshotHash = (sealed: Uint8Array): Uint8Array => sha256(sealed).subarray(0, 16)


/** as snapshotHash, natively where it can: a newcomer hashes a snapshot of megabytes while its worker cuts it */
export const snapshotHashAsync = async (sealed: Uint8Array): Promise<Uint8Array> => (await sha256Async(sealed)).subarray(0, 16)
