import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type RawData, type WebSocket } from 'ws'
import { addressOf } from './address.ts'
import { keepAlive } from './alive.ts'
import { bucket } from './bucket.ts'
import { DEFAULT_LIMITS, type SignalLimits } from './signal-limits.ts'

export { DEFAULT_LIMITS, signalLimitsFromEnv, type SignalLimits } from './signal-limits.ts'

/**
 * Signaling that speaks y-webrtc's protocol (subscribe, unsubscribe, publish, ping), so the stock
 * y-webrtc-signaling server can stand in for it. It only relays: it sees topics, never room secrets.
 */

/** Pub/sub shared by every instance (the relay's Redis store): a publish reaches a topic's subscribers everywhere. */
export interface SignalBus {
  publish(channel: string, message: string): void
  listen(channel: string, listener: (message: { toString(): string }) => void): () => void
}

interface Message { type?: unknown; topics?: unknown; topic?: unknown; data?: unknown }
interface Address { sockets: number; topics: Map<string, number> }
interface Peer { conn: WebSocket; address: Address; mine: Set<string>; budget: ReturnType<typeof bucket>; drops: number }

const parse = (raw: RawData): Message | null => {
  try {
    const m = JSON.parse(String(raw))
    return m && typeof m === 'object' && !Array.isArray(m) ? m : null
  } catch {
    return null // garbage is ignored, the connection stays
  }
}

const topicsIn = (m: Message) => (Array.isArray(m.topics) ? m.topics.filter((t): t is string => typeof t === 'string' && t.length <= 200) : [])

export const createSignaling = (limits: SignalLimits = DEFAULT_LIMITS, bus?: SignalBus) => {
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxPayload })
  const topics = new Map<string, Set<WebSocket>>()
  const addresses = new Map<string, Address>()
  const peers = new Set<Peer>()
  // each instance hears its own publishes back from the bus; this tells them apart
  const origin = randomUUID()
  const unlisten = new Map<string, () => void>()
  const channel = (topic: string) => `signal/${topic}`

  const send = (conn: WebSocket, message: string) => {
    if (conn.readyState !== conn.OPEN) return
    // a subscriber that doesn't read would otherwise grow this process's memory with every publish to its topics
    if (conn.bufferedAmount > limits.maxBuffered) return conn.terminate()
    try { conn.send(message) } catch { conn.terminate() }
  }

  const fromBus = (topic: string, raw: { toString(): string }) => {
    let message: { o?: unknown; m?: unknown }
    try { message = JSON.parse(raw.toString()) } catch { return }
    if (message?.o === origin || typeof message?.m !== 'string') return
    topics.get(topic)?.forEach((r) => send(r, message.m as string))
  }

  const subscribe = (p: Peer, t: string) => {
    const counts = p.address.topics
    if (p.mine.has(t) || p.mine.size >= limits.topicsPerSocket) return
    if (!counts.has(t) && counts.size >= limits.topicsPerAddress) return
    p.mine.add(t)
    counts.set(t, (counts.get(t) ?? 0) + 1)
    let subs = topics.get(t)
    if (!subs) {
      topics.set(t, (subs = new Set()))
      if (bus) unlisten.set(t, bus.listen(channel(t), (m) => fromBus(t, m)))
    }
    subs.add(p.conn)
  }

  const unsubscribe = (p: Peer, t: string) => {
    if (!p.mine.delete(t)) return
    const counts = p.address.topics
    const n = counts.get(t) ?? 0
    if (n > 1) counts.set(t, n - 1)
    else counts.delete(t)
    const subs = topics.get(t)
    if (!subs?.delete(p.conn) || subs.size) return
    topics.delete(t)
    unlisten.get(t)?.()
    unlisten.delete(t)
  }

  // only a subscriber hears of a topic, even how many are on it: knowing its name is the key to it
  const publish = (p: Peer, m: Message) => {
    if (typeof m.topic !== 'string' || !p.mine.has(m.topic)) return
    const receivers = topics.get(m.topic)!
    // only the fields y-webrtc reads go on, so a sender can't make its message fan out larger
    const out = JSON.stringify({ type: 'publish', topic: m.topic, data: m.data, clients: receivers.size })
    receivers.forEach((r) => send(r, out))
    bus?.publish(channel(m.topic), JSON.stringify({ o: origin, m: out }))
  }

  // over the rate a message is dropped; a socket that goes on flooding once its bucket is empty is closed
  const admit = (p: Peer) => {
    if (p.budget.full()) p.drops = 0
    if (p.budget.take()) return true
    if (++p.drops >= limits.burst) p.conn.close(1008, 'Too many messages')
    return false
  }

  const onMessage = (p: Peer, raw: RawData) => {
    if (p.conn.readyState !== p.conn.OPEN || !admit(p)) return
    const m = parse(raw)
    if (!m) return
    switch (m.type) {
      case 'subscribe': return topicsIn(m).forEach((t) => subscribe(p, t))
      case 'unsubscribe': return topicsIn(m).forEach((t) => unsubscribe(p, t))
      case 'publish': return publish(p, m)
      case 'ping': return send(p.conn, JSON.stringify({ type: 'pong' }))
    }
  }

  wss.on('connection', (conn: WebSocket, req: IncomingMessage) => {
    const key = addressOf(req)
    const address = addresses.get(key) ?? { sockets: 0, topics: new Map() }
    addresses.set(key, address)
    address.sockets++
    const p: Peer = { conn, address, mine: new Set(), budget: bucket(limits.rate, limits.burst), drops: 0 }
    peers.add(p)
    conn.on('error', () => conn.terminate())
    conn.on('close', () => {
      peers.delete(p)
      for (const t of [...p.mine]) unsubscribe(p, t)
      if (--address.sockets === 0) addresses.delete(key)
    })
    if (address.sockets > limits.socketsPerAddress) return conn.close(1008, 'Too many connections from this address')
    alive.watch(conn)
    conn.on('message', (raw) => onMessage(p, raw))
  })

  const alive = keepAlive(wss, limits.pingMs)

  return {
    upgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req))
    },
    topicCount: () => topics.size,
    /** addresses with a socket here */
    addressCount: () => addresses.size,
    close: () => {
      alive.stop()
      wss.clients.forEach((c) => c.terminate())
      wss.close()
      unlisten.forEach((off) => off())
      unlisten.clear()
    },
  }
}
