import type { Entry, ErrorCode } from '../../crypto/wire.ts'

export type { Entry }

/**
 * What the relay keeps per topic: an append-only log of sealed updates, the last two sealed snapshots, and
 * live fan-out of new entries. Every blob is opaque here: the store never looks inside.
 */
export interface RelayStore {
  /** appends one sealed update; resolves only once durable. A repeated `id` for the topic returns the first seq with duplicate: true and stores nothing. Throws RelayError('room-full') past the per-topic byte quota. */
  append(topic: string, id: string, data: Uint8Array): Promise<{ seq: number; duplicate: boolean }>
  /** head = last seq (0 if none). snapshot: the current one if its seq > since, else null. updates: every retained entry with seq > max(since, snapshot?.seq ?? since), ascending. */
  read(topic: string, since: number): Promise<{ head: number; snapshot: Entry | null; updates: Entry[] }>
  /** stores a snapshot covering 1..seq; 'stale' if seq <= the current snapshot's seq or seq > head. Keeps the previous snapshot and the log the newest one covers. */
  snapshot(topic: string, seq: number, data: Uint8Array): Promise<'stored' | 'stale'>
  /** live fan-out across every instance sharing the store: every append reaches listeners of its topic, with its seq */
  subscribe(topic: string, listener: (e: Entry) => void): () => void
  /** ephemeral pub/sub (presence, signaling across instances): never stored */
  publish(channel: string, message: Uint8Array | string): void
  listen(channel: string, listener: (message: Buffer) => void): () => void
  close(): Promise<void>
}

export class RelayError extends Error {
  constructor(readonly code: ErrorCode, message: string) {
    super(message)
    this.name = 'RelayError'
  }
}

export interface StoreLimits {
  /** everything a topic holds: retained log entries plus both snapshots */
  topicBytes: number
}

export const DEFAULT_STORE_LIMITS: StoreLimits = { topicBytes: 64 * 1024 * 1024 }

/**
 * Past this share of the quota after a snapshot, the store keeps only the newest snapshot and the log after it:
 * otherwise a full room whose newest snapshot is at its head could never make room again.
 */
export const PRESSURE = 0.75

// topics and ids become parts of keys, so they must not contain the separators
const SAFE = /^[A-Za-z0-9_-]{1,128}$/

export const checkKeyPart = (what: 'topic' | 'id', value: string) => {
  if (!SAFE.test(value)) throw new RelayError(what === 'topic' ? 'bad-topic' : 'bad-message', `That ${what} is not valid.`)
}

export const roomFull = () => new RelayError('room-full', 'This room has used all the space the relay allows; a fresh snapshot frees it.')
