import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { encodeUtf8 } from 'lib0/string'

/**
 * The relay's messages, binary (lib0 encoding), one per websocket frame. The relay sees topics, sizes and
 * sealed bytes only. A socket proves it holds a room's write key once per topic (a signed challenge);
 * after that it may read, push, snapshot and speak on that topic.
 */
export enum Op {
  // client → relay
  Join = 1, Push = 2, Snapshot = 3, Leave = 4, Say = 5, History = 6,
  // relay → client
  Challenge = 10, State = 11, Ack = 12, Update = 13, Error = 14, Heard = 15, Live = 16, Stored = 17,
  // Web Push (see "Push through a blind relay"): client → relay, each on a joined topic but PushKey; answered by an Ack (seq 0) or PushKey
  Subscribe = 20, Unsubscribe = 21, Notify = 22, Remind = 23, Cancel = 24, AskPushKey = 25, Schedule = 26,
  // relay → client
  PushKey = 30,
}

export type ClientMessage =
  /**
   * proves the key (sig over readProof(nonce, topic, origin)) and asks for the snapshot (if newer than `since`) and the
   * tail after `since`. `live` (only to a relay whose Challenge offered it): send this topic's entries as Live copies at
   * once and Stored once durable, not as Updates once durable
   */
  | { op: Op.Join; req: number; topic: string; pub: Uint8Array; sig: Uint8Array; since: number; live?: 1 }
  /** appends one sealed update; `id` makes a resend a no-op */
  | { op: Op.Push; req: number; topic: string; id: string; data: Uint8Array }
  /** a sealed snapshot of everything up to and including `seq` */
  | { op: Op.Snapshot; req: number; topic: string; seq: number; data: Uint8Array }
  | { op: Op.Leave; topic: string }
  /**
   * on a joined topic: the entries after `since` again, or when `since` is below what the relay keeps of the room's
   * history (see KEPT), its oldest kept snapshot and the log after it. Answered by a State (in parts, as a join's).
   */
  | { op: Op.History; req: number; topic: string; since: number }
  /** ephemeral: passed to the topic's other sockets, never stored (presence) */
  | { op: Op.Say; topic: string; data: Uint8Array }
  /** keeps this device's Web Push subscription (endpoint and keys, as PushSubscription.toJSON gives them) for the topic */
  | { op: Op.Subscribe; req: number; topic: string; endpoint: string; p256dh: string; auth: string }
  | { op: Op.Unsubscribe; req: number; topic: string; endpoint: string }
  /** pushes sealed bytes to the topic's subscribers, all but `skip` (the sender's own endpoint, or '') */
  | { op: Op.Notify; req: number; topic: string; skip: string; data: Uint8Array }
  /**
   * pushes sealed bytes to `endpoint` (subscribed on the topic) at `at` (ms since 1970). The relay keys it by topic,
   * endpoint and id, so the same id from the same endpoint replaces it, and only that browser (which alone knows its
   * endpoint) can replace or cancel it
   */
  | { op: Op.Remind; req: number; topic: string; id: string; endpoint: string; at: number; data: Uint8Array }
  /**
   * pushes sealed bytes to every subscriber of the topic at `at` (a proposal about to close); `owner` is a secret of the
   * scheduling device (16 to 128 letters, digits, "-" or "_"), keyed with the id as a Remind's endpoint is. Due
   * ones go as a Notify does (coalesced per topic); `at` at most PUSH_SCHEDULE_AHEAD_MS ahead, and each owner and
   * each address keeps a bounded share of the topic's (a Remind too, per endpoint): past it, Error 'push-full'
   */
  | { op: Op.Schedule; req: number; topic: string; id: string; owner: string; at: number; data: Uint8Array }
  /** drops a Remind (owner: its endpoint) or a Schedule (owner: its owner) */
  | { op: Op.Cancel; req: number; topic: string; id: string; owner: string }
  | { op: Op.AskPushKey; req: number }

export interface Entry { seq: number; data: Uint8Array }

export type RelayMessage =
  /** `live`: this relay sends Live copies to a Join that asks (see Join) */
  | { op: Op.Challenge; nonce: Uint8Array; live?: 1 }
  /**
   * `epoch`: made at random with the topic's first entry and kept with it, so a relay that lost a topic (a wiped
   * store, a new relay at the same address) answers with another, and a client knows its cursor is for a copy
   * that is gone (none while the topic has no entries, or from a relay from before epochs). Fields added to
   * State go at its end, written only when set: an older client reads those it knows and leaves the rest.
   *
   * `more`: the relay sends a big room in parts (a bounded State). This one holds every entry up to its last
   * one (or its snapshot, when it has no updates); join again from there for the rest. `head` is the room's.
   */
  | { op: Op.State; req: number; topic: string; head: number; snapshot: Entry | null; updates: Entry[]; epoch?: string; more?: boolean }
  | { op: Op.Ack; req: number; seq: number }
  | { op: Op.Update; topic: string; seq: number; data: Uint8Array }
  | { op: Op.Error; req: number; code: ErrorCode; message: string }
  | { op: Op.Heard; topic: string; data: Uint8Array }
  /**
   * another member's push, passed on before it is durable: the relay may die before it is, and then give `seq` to
   * another entry. So `seq` is a label only: a client takes the entry in but moves its cursor past it only on a
   * Stored that names it, on this socket
   */
  | { op: Op.Live; topic: string; seq: number; data: Uint8Array }
  /** the entries this socket got Live with seqs from..to are durable at those seqs */
  | { op: Op.Stored; topic: string; from: number; to: number }
  /** the relay's VAPID public key (base64url), for PushManager.subscribe; '' when this relay doesn't push */
  | { op: Op.PushKey; req: number; key: string }

export type ErrorCode =
  | 'bad-message' | 'bad-topic' | 'bad-signature' | 'not-joined' | 'too-large' | 'rate-limited'
  | 'room-full' | 'too-many-topics' | 'too-many-sockets' | 'stale-snapshot' | 'unavailable'
  | 'push-off' | 'push-full'

/**
 * A relay's origin as a client reaches it: ws: or wss: (http: and https: count as them), the host, and the port
 * unless it is the scheme's default. null for anything else.
 */
export const relayOrigin = (url: string): string | null => {
  try {
    const u = new URL(url)
    const scheme = ({ 'ws:': 'ws:', 'http:': 'ws:', 'wss:': 'wss:', 'https:': 'wss:' } as Record<string, string>)[u.protocol]
    if (!scheme || !u.hostname) return null
    const port = u.port && u.port !== (scheme === 'wss:' ? '443' : '80') ? `:${u.port}` : ''
    return `${scheme}//${u.hostname}${port}`
  } catch {
    return null
  }
}

/**
 * What a socket signs to join a topic: bound to this connection's nonce, to the topic, and to the relay's origin
 * (relayOrigin), so a relay can't pass another relay's challenge on and use the answer there.
 */
export const readProof = (nonce: Uint8Array, topic: string, origin: string): Uint8Array => {
  const label = encodeUtf8(`hearth/relay/join\n${origin}\n${topic}\n`)
  const out = new Uint8Array(label.length + nonce.length)
  out.set(label)
  out.set(nonce, label.length)
  return out
}

export const TOPIC = /^[A-Za-z0-9_-]{43}$/
export const PUSH_ID = /^[A-Za-z0-9_-]{8,32}$/

const writeEntry = (e: encoding.Encoder, entry: Entry) => {
  encoding.writeVarUint(e, entry.seq)
  encoding.writeVarUint8Array(e, entry.data)
}
const readEntry = (d: decoding.Decoder): Entry => ({ seq: decoding.readVarUint(d), data: decoding.readVarUint8Array(d) })

/** A field's kind on the wire: u a number, s a string, b bytes. */
type Kind = 'u' | 's' | 'b'
const WRITE: Record<Kind, (e: encoding.Encoder, v: never) => void> = {
  u: encoding.writeVarUint, s: encoding.writeVarString, b: encoding.writeVarUint8Array,
}
const READ: Record<Kind, (d: decoding.Decoder) => unknown> = {
  u: decoding.readVarUint, s: decoding.readVarString, b: decoding.readVarUint8Array,
}

/** Every frame but State is its op and then these fields, in this order. */
const FIELDS: Record<Exclude<Op, Op.State>, [string, Kind][]> = {
  [Op.Join]: [['req', 'u'], ['topic', 's'], ['pub', 'b'], ['sig', 'b'], ['since', 'u']],
  [Op.Push]: [['req', 'u'], ['topic', 's'], ['id', 's'], ['data', 'b']],
  [Op.Snapshot]: [['req', 'u'], ['topic', 's'], ['seq', 'u'], ['data', 'b']],
  [Op.Leave]: [['topic', 's']],
  [Op.Say]: [['topic', 's'], ['data', 'b']],
  [Op.History]: [['req', 'u'], ['topic', 's'], ['since', 'u']],
  [Op.Challenge]: [['nonce', 'b']],
  [Op.Ack]: [['req', 'u'], ['seq', 'u']],
  [Op.Update]: [['topic', 's'], ['seq', 'u'], ['data', 'b']],
  [Op.Error]: [['req', 'u'], ['code', 's'], ['message', 's']],
  [Op.Heard]: [['topic', 's'], ['data', 'b']],
  [Op.Live]: [['topic', 's'], ['seq', 'u'], ['data', 'b']],
  [Op.Stored]: [['topic', 's'], ['from', 'u'], ['to', 'u']],
  [Op.Subscribe]: [['req', 'u'], ['topic', 's'], ['endpoint', 's'], ['p256dh', 's'], ['auth', 's']],
  [Op.Unsubscribe]: [['req', 'u'], ['topic', 's'], ['endpoint', 's']],
  [Op.Notify]: [['req', 'u'], ['topic', 's'], ['skip', 's'], ['data', 'b']],
  [Op.Remind]: [['req', 'u'], ['topic', 's'], ['id', 's'], ['endpoint', 's'], ['at', 'u'], ['data', 'b']],
  [Op.Schedule]: [['req', 'u'], ['topic', 's'], ['id', 's'], ['owner', 's'], ['at', 'u'], ['data', 'b']],
  [Op.Cancel]: [['req', 'u'], ['topic', 's'], ['id', 's'], ['owner', 's']],
  [Op.AskPushKey]: [['req', 'u']],
  [Op.PushKey]: [['req', 'u'], ['key', 's']],
}
/**
 * Fields added to a frame after its first version: at its end, each written only when set (a flag, 1). A reader from
 * before them leaves what it doesn't know (a relay's frames), and a client writes one only to a relay that offered it.
 */
const TAIL: Partial<Record<Op, string[]>> = { [Op.Challenge]: ['live'], [Op.Join]: ['live'] }
const CLIENT_OPS = new Set<number>([Op.Join, Op.Push, Op.Snapshot, Op.Leave, Op.Say, Op.History,
  Op.Subscribe, Op.Unsubscribe, Op.Notify, Op.Remind, Op.Schedule, Op.Cancel, Op.AskPushKey])
/** the client ops that are Web Push's (see src/server/relay/push) */
export const PUSH_OPS = new Set<number>([Op.Subscribe, Op.Unsubscribe, Op.Notify, Op.Remind, Op.Schedule, Op.Cancel, Op.AskPushKey])

/**
 * What a push carries, as text (a push service's payload, and a service worker's event.data.text()): the topic, so the
 * service worker knows which room key opens it, and the sealed bytes, base64url.
 */
export const pushText = (topic: string, sealed: Uint8Array) => `${topic}.${toBase64Url(sealed)}`
export const readPushText = (text: string): { topic: string; sealed: Uint8Array } | null => {
  const [topic, body, extra] = text.split('.')
  if (extra !== undefined || !TOPIC.test(topic ?? '') || !body || !/^[A-Za-z0-9_-]+$/.test(body)) return null
  return { topic, sealed: fromBase64Url(body) }
}
// atob and btoa, not lib0/buffer: a service worker has no window, and lib0 would take it for Node
const toBase64Url = (b: Uint8Array) => {
  let s = ''
  for (const x of b) s += String.fromCharCode(x)
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}
const fromBase64Url = (s: string) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0))

const writeFields = (e: encoding.Encoder, m: Record<string, unknown>, fields: [string, Kind][]) => {
  for (const [name, kind] of fields) WRITE[kind](e, m[name] as never)
  const tail = TAIL[m.op as Op] ?? []
  const last = tail.findLastIndex((name) => m[name])
  for (let i = 0; i <= last; i++) encoding.writeVarUint(e, m[tail[i]] ? 1 : 0)
}
const readFields = (d: decoding.Decoder, op: number, fields: [string, Kind][]) => {
  const m: Record<string, unknown> = { op }
  for (const [name, kind] of fields) m[name] = READ[kind](d)
  for (const name of TAIL[op as Op] ?? []) {
    if (!decoding.hasContent(d)) break
    if (decoding.readVarUint(d) === 1) m[name] = 1
  }
  return m
}

const writeState = (e: encoding.Encoder, m: Extract<RelayMessage, { op: Op.State }>) => {
  encoding.writeVarUint(e, m.req); encoding.writeVarString(e, m.topic); encoding.writeVarUint(e, m.head)
  encoding.writeVarUint(e, m.snapshot ? 1 : 0)
  if (m.snapshot) writeEntry(e, m.snapshot)
  encoding.writeVarUint(e, m.updates.length)
  for (const u of m.updates) writeEntry(e, u)
  // trailing fields: each is written when it, or one after it, is set
  if (m.epoch || m.more) encoding.writeVarString(e, m.epoch ?? '')
  if (m.more) encoding.writeVarUint(e, 1)
}

const readState = (d: decoding.Decoder): RelayMessage => {
  const req = decoding.readVarUint(d)
  const topic = decoding.readVarString(d)
  const head = decoding.readVarUint(d)
  const snapshot = decoding.readVarUint(d) ? readEntry(d) : null
  const n = decoding.readVarUint(d)
  const updates: Entry[] = []
  for (let i = 0; i < n; i++) updates.push(readEntry(d))
  const m: RelayMessage = { op: Op.State, req, topic, head, snapshot, updates }
  // absent from a relay from before epochs, and for a topic with no entries
  const epoch = decoding.hasContent(d) ? decoding.readVarString(d) : ''
  if (epoch) m.epoch = epoch
  if (decoding.hasContent(d) && decoding.readVarUint(d) === 1) m.more = true
  return m
}

const encode = (m: ClientMessage | RelayMessage): Uint8Array => {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, m.op)
  if (m.op === Op.State) writeState(e, m)
  else writeFields(e, m as unknown as Record<string, unknown>, FIELDS[m.op])
  return encoding.toUint8Array(e)
}

export const encodeClient: (m: ClientMessage) => Uint8Array = encode
export const encodeRelay: (m: RelayMessage) => Uint8Array = encode

/** null for anything malformed: a relay answers "bad-message" and keeps the socket. */
export const decodeClient = (bytes: Uint8Array): ClientMessage | null => {
  try {
    const d = decoding.createDecoder(bytes)
    const op = decoding.readVarUint(d)
    if (!CLIENT_OPS.has(op)) return null
    const m = readFields(d, op, FIELDS[op as Exclude<Op, Op.State>])
    return decoding.hasContent(d) ? null : m as unknown as ClientMessage
  } catch {
    return null
  }
}

export const decodeRelay = (bytes: Uint8Array): RelayMessage | null => {
  try {
    const d = decoding.createDecoder(bytes)
    const op = decoding.readVarUint(d)
    if (op === Op.State) return readState(d)
    if (CLIENT_OPS.has(op) || !(op in FIELDS)) return null
    return readFields(d, op, FIELDS[op as Exclude<Op, Op.State>]) as unknown as RelayMessage
  } catch {
    return null
  }
}
