import { signWrite, type RoomKeys } from '../../crypto/index.ts'
import * as wire from '../../protocol/index.ts'
import { relayCode, type SyncError } from '../errors.ts'

type State = Extract<wire.RelayMessage, { op: wire.Op.State }>

/** An answer the relay refused: its code says why (none when this version doesn't know it); its words are for logs. */
export class RelayRefusal extends Error {
  constructor(public code: wire.ErrorCode | undefined, message: string = code ?? 'refused') { super(message) }
}

export interface TopicHandlers {
  update: (seq: number, data: Uint8Array) => void
  /**
   * another member's entry before it is durable: `seq` is a label until `stored` names it (see Op.Live). A topic whose
   * handlers take them joins asking for them; one without gets every entry as an update once durable
   */
  live?: (seq: number, data: Uint8Array) => void
  stored?: (from: number, to: number) => void
  heard: (data: Uint8Array) => void
  /** the socket is open again (or for the first time): join the topic */
  open: () => void
  /** the socket closed; `why` is set when the relay refused the socket itself */
  close: (why?: SyncError) => void
}

export interface RelaySocket {
  url: string
  isOpen: () => boolean
  join: (keys: RoomKeys, since: number) => Promise<State>
  push: (topic: string, id: string, data: Uint8Array) => Promise<number>
  snapshot: (topic: string, seq: number, data: Uint8Array) => Promise<number>
  /** on a joined topic: the log after `since` again, or from the oldest history the relay keeps (see Op.History) */
  history: (topic: string, since: number) => Promise<State>
  say: (topic: string, data: Uint8Array) => void
  /** any other request (push/): its answer, or a RelayRefusal */
  ask: (make: (req: number) => wire.ClientMessage) => Promise<wire.RelayMessage>
  /** registers a room on this socket; returns its release */
  attach: (topic: string, handlers: TopicHandlers) => () => void
  /**
   * opens the socket before any room attaches (a room is opening): it closes again if none has in a while. With a
   * newcomer's keys it also joins that room from the start: the room's own first join (since 0) takes that answer
   */
  warm: (newcomer?: RoomKeys) => void
}

const sockets = new Map<string, RelaySocket>()
const TIMEOUT = 20_000
/** how long a warmed socket waits for its room */
const WARM_MS = 15_000
/** at most this many frames wait for a warmed room to attach */
const MAX_EARLY = 1024

/** One websocket per relay for the whole page, shared by every open room, reconnecting with backoff. */
export const relaySocket = (url: string): RelaySocket => {
  let s = sockets.get(url)
  if (!s) sockets.set(url, (s = connect(url)))
  return s
}

const connect = (url: string): RelaySocket => {
  const rooms = new Map<string, TopicHandlers>()
  const waiting = new Map<number, { ok: (m: wire.RelayMessage) => void; fail: (e: Error) => void; timer: ReturnType<typeof setTimeout> }>()
  let ws: WebSocket | null = null
  let nonce: Uint8Array | null = null
  // this relay's Challenge offered live copies (see Op.Join)
  let offered = false
  let nextReq = 1
  let backoff = 500
  let timer: ReturnType<typeof setTimeout> | undefined
  let warmUntil = 0
  const wanted = () => rooms.size > 0 || Date.now() < warmUntil
  let newcomer: RoomKeys | undefined
  // a warmed newcomer's Join: its State waits for the room's own join, what the relay sends meanwhile for its attach
  const early = new Map<string, { state: Promise<State>; frames: Array<(r: TopicHandlers) => void> }>()
  // presence (`held` false) is not kept for a room not there yet; past MAX_EARLY the early Join is left, and the
  // room's own join asks anew for a State that covers what came, rather than trust it with frames missing
  const to = (topic: string, f: (r: TopicHandlers) => void, held = true) => {
    const r = rooms.get(topic)
    if (r) return f(r)
    const e = early.get(topic)
    if (!e || !held) return
    if (e.frames.length < MAX_EARLY) e.frames.push(f)
    else { early.delete(topic); leave(topic) }
  }
  const leave = (topic: string) => { if (ws?.readyState === WebSocket.OPEN) ws.send(wire.encodeClient({ op: wire.Op.Leave, topic }) as Uint8Array<ArrayBuffer>) }
  // the warm window is over: a newcomer's link not opened by then is neither joined later nor followed
  const cool = () => {
    if (Date.now() < warmUntil) return
    newcomer = undefined
    for (const topic of early.keys()) if (!rooms.has(topic)) { early.delete(topic); leave(topic) }
    shut()
  }
  const joinEarly = () => {
    const keys = newcomer
    newcomer = undefined
    if (!keys || rooms.has(keys.topic)) return
    const state = joinWith(keys, 0, offered ? 1 : undefined)
    state.catch(() => {})
    early.set(keys.topic, { state, frames: [] })
  }

  const failAll = (why: string) => {
    for (const w of waiting.values()) { clearTimeout(w.timer); w.fail(new Error(why)) }
    waiting.clear()
  }

  const open = () => {
    clearTimeout(timer)
    if (!wanted()) return
    try {
      ws = new WebSocket(url)
    } catch {
      return retry()
    }
    ws.binaryType = 'arraybuffer'
    const me = ws
    me.onmessage = (e) => {
      if (me !== ws || !(e.data instanceof ArrayBuffer)) return
      const m = wire.decodeRelay(new Uint8Array(e.data))
      if (!m) return
      switch (m.op) {
        case wire.Op.Challenge:
          nonce = m.nonce
          offered = m.live === 1
          backoff = 500
          joinEarly()
          rooms.forEach((r) => r.open())
          break
        case wire.Op.Update: to(m.topic, (r) => r.update(m.seq, m.data)); break
        case wire.Op.Live: to(m.topic, (r) => r.live?.(m.seq, m.data)); break
        case wire.Op.Stored: to(m.topic, (r) => r.stored?.(m.from, m.to)); break
        case wire.Op.Heard: to(m.topic, (r) => r.heard(m.data), false); break
        default: {
          const w = waiting.get(m.req)
          if (!w) break
          waiting.delete(m.req)
          clearTimeout(w.timer)
          if (m.op === wire.Op.Error) w.fail(new RelayRefusal(relayCode(m.code), m.message))
          else w.ok(m)
        }
      }
    }
    me.onerror = () => { /* onclose follows, and retries */ }
    me.onclose = (e) => {
      if (me !== ws) return
      ws = null
      nonce = null
      early.clear()
      failAll('relay: closed')
      // a refused socket (1008) gives its code as the reason
      rooms.forEach((r) => r.close(e.code === 1008 ? { code: 'relay-refused', why: relayCode(e.reason) } : undefined))
      retry()
    }
  }

  const retry = () => {
    clearTimeout(timer)
    if (!wanted()) return
    timer = setTimeout(open, backoff + Math.random() * backoff)
    backoff = Math.min(backoff * 2, 30_000)
  }

  const shut = () => {
    if (wanted()) return
    clearTimeout(timer)
    const old = ws
    ws = null
    nonce = null
    early.clear()
    failAll('relay: closed')
    old?.close()
  }

  // a phone coming back online should not wait out its backoff
  if (typeof window !== 'undefined') window.addEventListener('online', () => { if (!ws && rooms.size) { backoff = 500; open() } })

  const request = (make: (req: number) => wire.ClientMessage) => new Promise<wire.RelayMessage>((ok, fail) => {
    if (!ws || ws.readyState !== WebSocket.OPEN || !nonce) return fail(new Error('relay: not connected'))
    const req = nextReq++
    const t = setTimeout(() => { waiting.delete(req); fail(new Error('relay: no answer in time')) }, TIMEOUT)
    waiting.set(req, { ok, fail, timer: t })
    ws.send(wire.encodeClient(make(req)) as Uint8Array<ArrayBuffer>)
  })

  const joinWith = async (keys: RoomKeys, since: number, live: 1 | undefined): Promise<State> => {
    const n = nonce
    if (!n) throw new Error('relay: not connected')
    // the relay as this page reached it: a proof made here is refused by any other relay it is passed on to
    const origin = wire.relayOrigin(url)
    if (!origin) throw new Error('relay: not a relay address')
    const sig = signWrite(keys, wire.readProof(n, keys.topic, origin))
    const m = await request((req) => ({ op: wire.Op.Join, req, topic: keys.topic, pub: keys.writePub, sig, since, live }))
    if (m.op !== wire.Op.State) throw new Error('relay: answered out of turn')
    return m
  }

  return {
    url,
    isOpen: () => !!nonce && ws?.readyState === WebSocket.OPEN,
    async join(keys, since) {
      const e = early.get(keys.topic)
      early.delete(keys.topic)
      // the answer to this socket's early Join from the start, unless it failed: then asked again
      const s = e && since === 0 ? await e.state.catch(() => null) : null
      return s ?? joinWith(keys, since, offered && rooms.get(keys.topic)?.live ? 1 : undefined)
    },
    async push(topic, id, data) {
      const m = await request((req) => ({ op: wire.Op.Push, req, topic, id, data }))
      return m.op === wire.Op.Ack ? m.seq : Promise.reject(new Error('relay: answered out of turn'))
    },
    async snapshot(topic, seq, data) {
      const m = await request((req) => ({ op: wire.Op.Snapshot, req, topic, seq, data }))
      return m.op === wire.Op.Ack ? m.seq : Promise.reject(new Error('relay: answered out of turn'))
    },
    async history(topic, since) {
      const m = await request((req) => ({ op: wire.Op.History, req, topic, since }))
      return m.op === wire.Op.State ? m : Promise.reject(new Error('relay: answered out of turn'))
    },
    ask: (make) => request(make),
    say(topic, data) {
      if (ws?.readyState === WebSocket.OPEN && nonce) ws.send(wire.encodeClient({ op: wire.Op.Say, topic, data }) as Uint8Array<ArrayBuffer>)
    },
    attach(topic, handlers) {
      rooms.set(topic, handlers)
      const e = early.get(topic)
      if (e) { const frames = e.frames; e.frames = []; frames.forEach((f) => f(handlers)) }
      if (!ws) open()
      else if (nonce) handlers.open()
      return () => {
        if (rooms.get(topic) !== handlers) return
        rooms.delete(topic)
        early.delete(topic) // its Leave ends what the early Join began: a room opened again joins anew
        leave(topic)
        shut()
      }
    },
    warm(keys) {
      warmUntil = Date.now() + WARM_MS
      if (keys) newcomer = keys
      if (!ws) open()
      else if (nonce) joinEarly()
      setTimeout(cool, WARM_MS + 100)
    },
  }
}
