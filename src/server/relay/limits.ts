import { numbersFromEnv } from '../env.ts'
import { DEFAULT_STORE_LIMITS, type StoreLimits } from './store/index.ts'

const KiB = 1024
const MiB = 1024 * KiB

/** Every bound the relay enforces. Each has a RELAY_* environment variable (see ENV). */
export interface RelayLimits extends StoreLimits {
  /** largest websocket frame; past it `ws` closes the socket with 1009 */
  maxPayload: number
  maxUpdate: number
  maxSnapshot: number
  /** a presence message (Say) */
  maxSay: number
  /** writes (Push, Snapshot) per second per connection, refilling a bucket of `burst` */
  rate: number
  burst: number
  /** presence (Say) per second per connection, in a bucket of its own so a flood of it never holds up a push; past it, dropped without a word */
  sayRate: number
  sayBurst: number
  /** join attempts per second per connection: each costs a signature check and a read of the room */
  joinRate: number
  /** at least topicsPerSocket, so a phone can join every room it has at once */
  joinBurst: number
  /**
   * joins of a room the connection has joined already (a room sent in parts, a retry), in a small bucket of their own
   * that refills slowly: each sends the room again, and no honest phone asks for one room many times at once
   */
  rejoinRate: number
  rejoinBurst: number
  /** History reads (a room's kept history, to check a snapshot or fill a hole) per connection, in a small bucket of their own, one at a time per room */
  historyRate: number
  historyBurst: number
  topicsPerSocket: number
  /** distinct topics joined by all sockets of one remote address */
  topicsPerAddress: number
  socketsPerAddress: number
  /** bytes (pushes and snapshots) one address (an IPv6 /64) may store in any hour, across all its rooms and sockets */
  bytesPerAddressPerHour: number
  pingMs: number
  /** a socket whose unsent output passes this is a reader that can't keep up: it is dropped (checked before a frame, so one State always goes whole) */
  maxBuffered: number
  /** a socket with more unsent output than this must drain minDrain bytes a second: one that drains less for stallMs is dropped */
  queuedPerSocket: number
  minDrain: number
  stallMs: number
  /** unsent output of every socket together (a frame shared by sockets counts once): past it, joins wait and the longest queues over their own budget are dropped */
  queuedTotal: number
  /** rooms' current snapshots held in memory, shared by every join of a room */
  snapshotCache: number
}

export const DEFAULT_RELAY_LIMITS: RelayLimits = {
  ...DEFAULT_STORE_LIMITS,
  maxPayload: 17 * MiB,
  // one bulk change (an import, a seeded room) can be megabytes even deflated; a person's edits are bytes
  maxUpdate: 8 * MiB,
  maxSnapshot: 16 * MiB,
  maxSay: 4 * KiB,
  rate: 50,
  burst: 200,
  sayRate: 5,
  sayBurst: 20,
  joinRate: 10,
  joinBurst: 1024,
  rejoinRate: 1,
  rejoinBurst: 8,
  historyRate: 1,
  historyBurst: 8,
  topicsPerSocket: 1024,
  topicsPerAddress: 2048,
  socketsPerAddress: 256,
  // a gathering's phones share one NAT, and one bulk import can be megabytes
  bytesPerAddressPerHour: 256 * MiB,
  pingMs: 30_000,
  maxBuffered: 32 * MiB,
  queuedPerSocket: 4 * MiB,
  // 128 kbit/s: a phone on a poor network still takes a 16 MiB room, in about two minutes
  minDrain: 16 * KiB,
  stallMs: 10_000,
  queuedTotal: 512 * MiB,
  snapshotCache: 256 * MiB,
}

export const ENV: Record<keyof RelayLimits, string> = {
  topicBytes: 'RELAY_TOPIC_BYTES',
  keepMs: 'RELAY_KEEP_MS',
  storeBytes: 'RELAY_STORE_BYTES',
  stateBytes: 'RELAY_STATE_BYTES',
  stateEntries: 'RELAY_STATE_ENTRIES',
  maxPayload: 'RELAY_MAX_PAYLOAD',
  maxUpdate: 'RELAY_MAX_UPDATE',
  maxSnapshot: 'RELAY_MAX_SNAPSHOT',
  maxSay: 'RELAY_MAX_SAY',
  rate: 'RELAY_RATE',
  burst: 'RELAY_BURST',
  sayRate: 'RELAY_SAY_RATE',
  sayBurst: 'RELAY_SAY_BURST',
  joinRate: 'RELAY_JOIN_RATE',
  joinBurst: 'RELAY_JOIN_BURST',
  rejoinRate: 'RELAY_REJOIN_RATE',
  rejoinBurst: 'RELAY_REJOIN_BURST',
  historyRate: 'RELAY_HISTORY_RATE',
  historyBurst: 'RELAY_HISTORY_BURST',
  topicsPerSocket: 'RELAY_TOPICS_PER_SOCKET',
  topicsPerAddress: 'RELAY_TOPICS_PER_ADDRESS',
  socketsPerAddress: 'RELAY_SOCKETS_PER_ADDRESS',
  bytesPerAddressPerHour: 'RELAY_BYTES_PER_ADDRESS_PER_HOUR',
  pingMs: 'RELAY_PING_MS',
  maxBuffered: 'RELAY_MAX_BUFFERED',
  queuedPerSocket: 'RELAY_QUEUED_PER_SOCKET',
  minDrain: 'RELAY_MIN_DRAIN',
  stallMs: 'RELAY_STALL_MS',
  queuedTotal: 'RELAY_QUEUED_TOTAL',
  snapshotCache: 'RELAY_SNAPSHOT_CACHE',
}

/** The defaults, with any RELAY_* variable in `env` in place of its default. A value that isn't a positive number is an error at start. */
export const limitsFromEnv = (env: NodeJS.ProcessEnv): RelayLimits => {
  const limits = numbersFromEnv(DEFAULT_RELAY_LIMITS, ENV, env)
  // a frame must fit the largest message the relay takes, with room for its header
  limits.maxPayload = Math.max(limits.maxPayload, limits.maxUpdate + KiB, limits.maxSnapshot + KiB)
  limits.joinBurst = Math.max(limits.joinBurst, limits.topicsPerSocket)
  return limits
}
