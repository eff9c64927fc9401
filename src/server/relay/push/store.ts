import { createHash } from 'node:crypto'

/** a device's Web Push subscription, as PushSubscription.toJSON gives it */
export interface Subscription { endpoint: string; p256dh: string; auth: string }

/**
 * A sealed push at a time: for one endpoint (a reminder), or for every subscriber of the topic when `endpoint` is ''
 * (a proposal about to close). `key` is reminderKey's: the client's id bound to its owner. `data` is sealed by the
 * room key, as the client sent it.
 */
export interface Reminder {
  topic: string; key: string; endpoint: string; at: number; data: Uint8Array
  /** what it counts against (ownerKey, fromKey): its owner's share and its address's, on the topic; none before caps */
  owner?: string; from?: string
}

/** how many pending reminders a topic, an owner (its key) and an address (its key) may have */
export interface ReminderCaps { topic: number; owner: number; from: number }
export type RemindResult = 'stored' | 'full' | 'owner-full' | 'from-full'

export interface VapidKeys { publicKey: string; privateKey: string }

/**
 * What the relay keeps for Web Push, beside the rooms' bytes: its VAPID keys, which endpoints follow which topic, and
 * reminders (sealed) until their time. Nothing here is readable: a reminder's data is sealed by the room key.
 */
export interface PushStore {
  /** the keys made the first time (by `make`), the same ever after, across restarts and instances */
  vapid(make: () => VapidKeys): Promise<VapidKeys>
  /** 'full' past `perTopic` subscriptions on the topic, or past the store's total */
  subscribe(topic: string, sub: Subscription, perTopic: number): Promise<'stored' | 'full'>
  unsubscribe(topic: string, endpoint: string): Promise<void>
  subscribers(topic: string): Promise<Subscription[]>
  /**
   * 'full' past `caps.topic` reminders pending on the topic, or past the store's total; 'owner-full' and 'from-full'
   * past the owner's or the address's share of the topic. The same key replaces (and counts once).
   */
  remind(r: Reminder, caps: ReminderCaps): Promise<RemindResult>
  cancel(topic: string, key: string): Promise<void>
  /** up to `max` reminders due by `now`, each taken (removed) by exactly one caller, across instances */
  takeDue(now: number, max: number): Promise<Reminder[]>
  /** when the earliest pending reminder is due, or null */
  nextAt(): Promise<number | null>
  close(): Promise<void>
}

export interface PushLimits {
  /** subscriptions kept per topic */
  subscriptionsPerTopic: number
  /** reminders pending per topic */
  remindersPerTopic: number
  /** every subscription and every reminder the store keeps, all topics together */
  subscriptionsTotal: number
  remindersTotal: number
  /** sealed bytes in one push or reminder: a push service takes about 4 KB, and base64 grows it by a third */
  maxData: number
  /** how far ahead a reminder may be, and a room-wide one (a proposal's closing) */
  maxAheadMs: number
  scheduleAheadMs: number
  /** pending room-wide pushes per owner secret, and per address (an IPv6 /64), on one topic */
  schedulesPerOwner: number
  schedulesPerAddress: number
  /** pending reminders per endpoint, and per address, on one topic */
  remindersPerEndpoint: number
  remindersPerAddress: number
  /** pushes (Notify) per minute per connection, and per address (an IPv6 /64) */
  notifyPerMinute: number
  notifyPerMinutePerAddress: number
  /** subscribe, unsubscribe, remind and cancel requests per minute per connection */
  requestsPerMinute: number
  /** pushes to one topic within this window merge: the first goes at once, the latest of the rest at its end */
  coalesceMs: number
  /** requests to push services under way at once, and waiting, in this process */
  sending: number
  queued: number
}

export const DEFAULT_PUSH_LIMITS: PushLimits = {
  subscriptionsPerTopic: 512,
  remindersPerTopic: 2048,
  subscriptionsTotal: 200_000,
  remindersTotal: 500_000,
  maxData: 2048,
  maxAheadMs: 400 * 24 * 3600 * 1000,
  scheduleAheadMs: 60 * 24 * 3600 * 1000,
  schedulesPerOwner: 16,
  schedulesPerAddress: 64,
  remindersPerEndpoint: 128,
  remindersPerAddress: 256,
  notifyPerMinute: 12,
  notifyPerMinutePerAddress: 60,
  requestsPerMinute: 120,
  coalesceMs: 10_000,
  sending: 16,
  queued: 10_000,
}

export const PUSH_ENV: Record<keyof PushLimits, string> = {
  subscriptionsPerTopic: 'PUSH_SUBSCRIPTIONS_PER_TOPIC',
  remindersPerTopic: 'PUSH_REMINDERS_PER_TOPIC',
  subscriptionsTotal: 'PUSH_SUBSCRIPTIONS_TOTAL',
  remindersTotal: 'PUSH_REMINDERS_TOTAL',
  maxData: 'PUSH_MAX_DATA',
  maxAheadMs: 'PUSH_MAX_AHEAD_MS',
  scheduleAheadMs: 'PUSH_SCHEDULE_AHEAD_MS',
  schedulesPerOwner: 'PUSH_SCHEDULES_PER_OWNER',
  schedulesPerAddress: 'PUSH_SCHEDULES_PER_ADDRESS',
  remindersPerEndpoint: 'PUSH_REMINDERS_PER_ENDPOINT',
  remindersPerAddress: 'PUSH_REMINDERS_PER_ADDRESS',
  notifyPerMinute: 'PUSH_PER_MINUTE',
  notifyPerMinutePerAddress: 'PUSH_PER_MINUTE_PER_ADDRESS',
  requestsPerMinute: 'PUSH_REQUESTS_PER_MINUTE',
  coalesceMs: 'PUSH_COALESCE_MS',
  sending: 'PUSH_SENDING',
  queued: 'PUSH_QUEUED',
}

/** an endpoint as a key part: its hash, so any URL fits a key and no key is longer than it must be */
export const endpointKey = (endpoint: string) => createHash('sha256').update(endpoint).digest('base64url').slice(0, 32)

/**
 * A reminder's key at the relay: its id bound to its topic and owner (the endpoint it goes to, or a room-wide push's
 * secret), so a member who knows or guesses the id can neither cancel nor replace another's.
 */
export const reminderKey = (topic: string, owner: string, id: string) =>
  createHash('sha256').update(`hearth/reminder\n${topic}\n${owner}\n${id}`).digest('base64url').slice(0, 32)

const short = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 32)
/** whose share of the topic a reminder counts against: its endpoint, or a room-wide push's owner secret */
export const ownerKey = (topic: string, owner: string) => short(`hearth/reminder/owner\n${topic}\n${owner}`)
/** the address's share (hashed: the store keeps no addresses), room-wide pushes and reminders apart */
export const fromKey = (topic: string, roomWide: boolean, network: string) => short(`hearth/reminder/from\n${topic}\n${roomWide ? 'room' : 'one'}\n${network}`)

/** a reminder's record at rest: its data base64, with everything else the relay already sees */
export const packReminder = (r: Reminder) => JSON.stringify({ ...r, data: Buffer.from(r.data).toString('base64') })
export const unpackReminder = (s: string): Reminder => {
  // kept before reminders were keyed by owner: their id is their key
  const r = JSON.parse(s) as Omit<Reminder, 'data'> & { data: string; id?: string }
  return {
    topic: r.topic, key: r.key ?? r.id, endpoint: r.endpoint, at: r.at, data: new Uint8Array(Buffer.from(r.data, 'base64')),
    ...(r.owner ? { owner: r.owner } : {}), ...(r.from ? { from: r.from } : {}),
  }
}
