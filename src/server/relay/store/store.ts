import { randomBytes } from 'node:crypto'
import type { Entry, ErrorCode } from '../../../protocol/index.ts'

export type { Entry }

/**
 * What the relay keeps per topic: an append-only log of sealed updates, the current sealed snapshot, the
 * snapshots it superseded lately (see KEPT below), and live fan-out of new entries. Every blob is opaque
 * here: the store never looks inside.
 */
export interface RelayStore {
  /**
   * appends one sealed update; resolves only once durable. A repeated `id` for the topic returns the first seq with duplicate: true and stores nothing. Throws RelayError('room-full') past the per-topic byte quota.
   * `admitted`: called with its seq once it is taken and before it is durable, by a store that has such a moment (the
   * embedded one; Redis stores and publishes in one step), never for a duplicate. Until subscribe reports the entry,
   * that seq is this process's word only: a crash may give it to another entry.
   */
  append(topic: string, id: string, data: Uint8Array, admitted?: (seq: number) => void): Promise<{ seq: number; duplicate: boolean }>
  /**
   * head = last seq (0 if none). snapshot: the current one if its seq > since, else null. updates: every retained entry
   * with seq > max(since, snapshot?.seq ?? since), ascending. epoch: made at random with the topic's first entry and
   * kept with it ('' before), so a store that lost the topic answers with another.
   * Bounded (stateEntries, stateBytes counting the snapshot; one entry always goes if nothing else does): `more`
   * says entries past the last one returned remain, to read from there.
   * `have`: the seq of a snapshot the caller holds; when it is the current one, its data is left out (empty).
   */
  read(topic: string, since: number, have?: number): Promise<{ head: number; snapshot: Entry | null; updates: Entry[]; epoch: string; more: boolean }>
  /**
   * What a client reads to rebuild the room without trusting the current snapshot: like read, but the snapshot is the
   * oldest kept point's (see KEPT; none for the empty room, the current one when nothing is kept) if its seq > since,
   * and the updates follow it (or since). Bounded the same way.
   */
  history(topic: string, since: number): Promise<{ head: number; snapshot: Entry | null; updates: Entry[]; epoch: string; more: boolean }>
  /** stores a snapshot covering 1..seq; 'stale' if seq <= the current snapshot's seq or seq > head. The one it supersedes, and the log under it, are kept a while (see KEPT). */
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
  /** everything a topic holds: retained log entries plus every snapshot it keeps */
  topicBytes: number
  /** how long a superseded snapshot and the log under it are kept (unless the room needs the room) */
  keepMs: number
  /** what the whole store holds, all rooms together, before it takes no new rooms (see storeCeiling) */
  storeBytes: number
  /** one State (a join's answer) holds at most this many bytes, its snapshot included, and this many entries */
  stateBytes: number
  stateEntries: number
}

export const DEFAULT_STORE_LIMITS: StoreLimits = {
  topicBytes: 64 * 1024 * 1024,
  keepMs: 3 * 24 * 3600 * 1000,
  storeBytes: 8 * 1024 * 1024 * 1024,
  // a room near its quota would otherwise go out in one 64 MiB frame, all read at once
  stateBytes: 8 * 1024 * 1024,
  stateEntries: 10_000,
}

/** whether a State that holds `count` entries and `bytes` bytes (and a snapshot, or not) takes one more of `len` */
export const fits = (limits: StoreLimits, count: number, bytes: number, snapshot: boolean, len: number) =>
  count < limits.stateEntries && (bytes + len <= limits.stateBytes || (!count && !snapshot))

/**
 * The store's own budget, counted over every room (a stranger can make any number of them):
 * - past storeBytes, a room with no entries yet is refused ("the relay is full"), but rooms it holds still
 *   take writes up to their own quota, so nobody's room stops because strangers filled the disk;
 * - up to this ceiling, an eighth above: past it, a write is taken only if the room gives up enough of its
 *   own superseded history (the store is truly full), and a snapshot only if it can free what it adds, so
 *   rooms made before the budget ran out can't grow it without end.
 */
export const storeCeiling = (limits: StoreLimits) => limits.storeBytes + Math.floor(limits.storeBytes / 8)

export interface StoreOptions {
  /** the clock superseded history is timed by (tests move it) */
  now?: () => number
}

/**
 * KEPT: what a room keeps of its history, the same in both backends.
 *
 * A member holds the key, so a member can upload a "snapshot" that leaves records out, and the relay,
 * being blind, can't tell. So a snapshot never evicts what it supersedes at once: the superseded snapshot
 * becomes a kept point ("the empty room" for the first snapshot), and the log is kept from the oldest
 * kept point on, so the room can be rebuilt from there without trusting any newer snapshot, and every
 * honest member who opens it meanwhile pushes back what the relay's copy lacks.
 *
 * - A point is kept for keepMs (RELAY_KEEP_MS, default 3 days) after the snapshot that superseded it came.
 *   When the oldest point's time is up, it goes with the log up to the next point (or the current snapshot).
 * - Past KEPT_SNAPSHOTS points, the second-oldest goes (its data only: the log stays, since the oldest still
 *   needs it) and hands its time on to the oldest. A flood of snapshots thins the middle and never pushes
 *   the oldest, honest point out.
 * - Only when the room is truly at its quota (an append or a snapshot wouldn't fit otherwise) does history
 *   go sooner, oldest point first, and only as much as the write needs. A member who fills the room's
 *   quota can always evict; nothing less can.
 *
 * Expiry is lazy: it happens on the room's next append or snapshot. A join reads the current snapshot and the
 * log after it; `history` reads from the oldest kept point, so a client can check a snapshot against what it replaced.
 */
export const KEPT_SNAPSHOTS = 16

/** the limits with any missing one at its default */
export const storeLimits = <T extends Partial<StoreLimits>>(limits: T): StoreLimits & T => ({ ...DEFAULT_STORE_LIMITS, ...limits })

/** a topic's epoch: 8 random bytes, base64url */
export const newEpoch = () => randomBytes(8).toString('base64url')

// topics and ids become parts of keys, so they must not contain the separators
const SAFE = /^[A-Za-z0-9_-]{1,128}$/

export const checkKeyPart = (what: 'topic' | 'id', value: string) => {
  if (!SAFE.test(value)) throw new RelayError(what === 'topic' ? 'bad-topic' : 'bad-message', `That ${what} is not valid.`)
}

export const roomFull = () => new RelayError('room-full', 'This room has used all the space the relay allows; a fresh snapshot frees it.')

/** past storeBytes, for a room with nothing stored yet */
export const noNewRooms = () => new RelayError('room-full', 'The relay is full: it takes no new rooms just now. Rooms it already holds carry on.')

/** past the store's ceiling */
export const relayFull = () => new RelayError('room-full', 'The relay is full: it takes nothing more for this room just now.')
