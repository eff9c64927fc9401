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
  Challenge = 10, State = 11, Ack = 12, Update = 13, Error = 14, Heard = 15,
}

export type ClientMessage =
  /** proves the key (sig over readProof(nonce, topic, origin)) and asks for the snapshot (if newer than `since`) and the tail after `since` */
  | { op: Op.Join; req: number; topic: string; pub: Uint8Array; sig: Uint8Array; since: number }
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

export interface Entry { seq: number; data: Uint8Array }

export type RelayMessage =
  | { op: Op.Challenge; nonce: Uint8Array }
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

export type ErrorCode =
  | 'bad-message' | 'bad-topic' | 'bad-signature' | 'not-joined' | 'too-large' | 'rate-limited'
  | 'room-full' | 'too-many-topics' | 'too-many-sockets' | 'stale-snapshot' | 'unavailable'

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

export const encodeClient = (m: ClientMessage): Uint8Array => {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, m.op)
  switch (m.op) {
    case Op.Join:
      encoding.writeVarUint(e, m.req); encoding.writeVarString(e, m.topic)
      encoding.writeVarUint8Array(e, m.pub); encoding.writeVarUint8Array(e, m.sig); encoding.writeVarUint(e, m.since)
      break
    case Op.Push:
      encoding.writeVarUint(e, m.req); encoding.writeVarString(e, m.topic); encoding.writeVarString(e, m.id); encoding.writeVarUint8Array(e, m.data)
      break
    case Op.Snapshot:
      encoding.writeVarUint(e, m.req); encoding.writeVarString(e, m.topic); encoding.writeVarUint(e, m.seq); encoding.writeVarUint8Array(e, m.data)
      break
    case Op.Leave:
      encoding.writeVarString(e, m.topic)
      break
    case Op.Say:
      encoding.writeVarString(e, m.topic); encoding.writeVarUint8Array(e, m.data)
      break
    case Op.History:
      encoding.writeVarUint(e, m.req); encoding.writeVarString(e, m.topic); encoding.writeVarUint(e, m.since)
  }
  return encoding.toUint8Array(e)
}

/** null for anything malformed: a relay answers "bad-message" and keeps the socket. */
export const decodeClient = (bytes: Uint8Array): ClientMessage | null => {
  try {
    const d = decoding.createDecoder(bytes)
    const op = decoding.readVarUint(d)
    let m: ClientMessage
    switch (op) {
      case Op.Join:
        m = { op, req: decoding.readVarUint(d), topic: decoding.readVarString(d), pub: decoding.readVarUint8Array(d), sig: decoding.readVarUint8Array(d), since: decoding.readVarUint(d) }
        break
      case Op.Push:
        m = { op, req: decoding.readVarUint(d), topic: decoding.readVarString(d), id: decoding.readVarString(d), data: decoding.readVarUint8Array(d) }
        break
      case Op.Snapshot:
        m = { op, req: decoding.readVarUint(d), topic: decoding.readVarString(d), seq: decoding.readVarUint(d), data: decoding.readVarUint8Array(d) }
        break
      case Op.Leave:
        m = { op, topic: decoding.readVarString(d) }
        break
      case Op.Say:
        m = { op, topic: decoding.readVarString(d), data: decoding.readVarUint8Array(d) }
        break
      case Op.History:
        m = { op, req: decoding.readVarUint(d), topic: decoding.readVarString(d), since: decoding.readVarUint(d) }
        break
      default:
        return null
    }
    return decoding.hasContent(d) ? null : m
  } catch {
    return null
  }
}

export const encodeRelay = (m: RelayMessage): Uint8Array => {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, m.op)
  switch (m.op) {
    case Op.Challenge:
      encoding.writeVarUint8Array(e, m.nonce)
      break
    case Op.State:
      encoding.writeVarUint(e, m.req); encoding.writeVarString(e, m.topic); encoding.writeVarUint(e, m.head)
      encoding.writeVarUint(e, m.snapshot ? 1 : 0)
      if (m.snapshot) writeEntry(e, m.snapshot)
      encoding.writeVarUint(e, m.updates.length)
      for (const u of m.updates) writeEntry(e, u)
      // trailing fields: each is written when it, or one after it, is set
      if (m.epoch || m.more) encoding.writeVarString(e, m.epoch ?? '')
      if (m.more) encoding.writeVarUint(e, 1)
      break
    case Op.Ack:
      encoding.writeVarUint(e, m.req); encoding.writeVarUint(e, m.seq)
      break
    case Op.Update:
      encoding.writeVarString(e, m.topic); encoding.writeVarUint(e, m.seq); encoding.writeVarUint8Array(e, m.data)
      break
    case Op.Error:
      encoding.writeVarUint(e, m.req); encoding.writeVarString(e, m.code); encoding.writeVarString(e, m.message)
      break
    case Op.Heard:
      encoding.writeVarString(e, m.topic); encoding.writeVarUint8Array(e, m.data)
  }
  return encoding.toUint8Array(e)
}

export const decodeRelay = (bytes: Uint8Array): RelayMessage | null => {
  try {
    const d = decoding.createDecoder(bytes)
    const op = decoding.readVarUint(d)
    switch (op) {
      case Op.Challenge: return { op, nonce: decoding.readVarUint8Array(d) }
      case Op.State: {
        const req = decoding.readVarUint(d)
        const topic = decoding.readVarString(d)
        const head = decoding.readVarUint(d)
        const snapshot = decoding.readVarUint(d) ? readEntry(d) : null
        const n = decoding.readVarUint(d)
        const updates: Entry[] = []
        for (let i = 0; i < n; i++) updates.push(readEntry(d))
        const m: RelayMessage = { op, req, topic, head, snapshot, updates }
        // absent from a relay from before epochs, and for a topic with no entries
        const epoch = decoding.hasContent(d) ? decoding.readVarString(d) : ''
        if (epoch) m.epoch = epoch
        if (decoding.hasContent(d) && decoding.readVarUint(d) === 1) m.more = true
        return m
      }
      case Op.Ack: return { op, req: decoding.readVarUint(d), seq: decoding.readVarUint(d) }
      case Op.Update: return { op, topic: decoding.readVarString(d), seq: decoding.readVarUint(d), data: decoding.readVarUint8Array(d) }
      case Op.Error: return { op, req: decoding.readVarUint(d), code: decoding.readVarString(d) as ErrorCode, message: decoding.readVarString(d) }
      case Op.Heard: return { op, topic: decoding.readVarString(d), data: decoding.readVarUint8Array(d) }
      default: return null
    }
  } catch {
    return null
  }
}
