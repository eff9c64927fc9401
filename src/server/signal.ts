import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'

/**
 * Signaling that speaks y-webrtc's protocol (subscribe, unsubscribe, publish, ping), so the stock
 * y-webrtc-signaling server can stand in for it. It only relays: it sees topics, never room secrets.
 */
export interface SignalLimits {
  maxPayload: number
  maxTopics: number
  pingMs: number
}

export const DEFAULT_LIMITS: SignalLimits = { maxPayload: 64 * 1024, maxTopics: 64, pingMs: 30_000 }

/** Pub/sub shared by every instance (the relay's Redis store): a publish reaches a topic's subscribers everywhere. */
export interface SignalBus {
  publish(channel: string, message: string): void
  listen(channel: string, listener: (message: { toString(): string }) => void): () => void
}

export const createSignaling = (limits: SignalLimits = DEFAULT_LIMITS, bus?: SignalBus) => {
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxPayload })
  const topics = new Map<string, Set<WebSocket>>()
  // each instance hears its own publishes back from the bus; this tells them apart
  const origin = randomUUID()
  const unlisten = new Map<string, () => void>()
  const channel = (topic: string) => `signal/${topic}`

  const send = (conn: WebSocket, message: string) => {
    if (conn.readyState !== conn.OPEN) return
    try { conn.send(message) } catch { conn.close() }
  }

  const fromBus = (topic: string, raw: { toString(): string }) => {
    let message: { o?: unknown; m?: unknown }
    try { message = JSON.parse(raw.toString()) } catch { return }
    if (message?.o === origin || typeof message?.m !== 'string') return
    topics.get(topic)?.forEach((r) => send(r, message.m as string))
  }

  const add = (conn: WebSocket, t: string) => {
    let subs = topics.get(t)
    if (!subs) {
      topics.set(t, (subs = new Set()))
      if (bus) unlisten.set(t, bus.listen(channel(t), (m) => fromBus(t, m)))
    }
    subs.add(conn)
  }

  const remove = (conn: WebSocket, t: string) => {
    const subs = topics.get(t)
    if (!subs?.delete(conn) || subs.size) return
    topics.delete(t)
    unlisten.get(t)?.()
    unlisten.delete(t)
  }

  wss.on('connection', (conn) => {
    const mine = new Set<string>()
    let alive = true
    const timer = setInterval(() => {
      if (!alive) return conn.terminate()
      alive = false
      try { conn.ping() } catch { conn.terminate() }
    }, limits.pingMs)
    conn.on('pong', () => { alive = true })
    conn.on('error', () => conn.terminate())
    conn.on('close', () => {
      clearInterval(timer)
      for (const t of mine) remove(conn, t)
      mine.clear()
    })
    conn.on('message', (raw) => {
      let message: { type?: unknown; topics?: unknown; topic?: unknown; clients?: number }
      try {
        message = JSON.parse(raw.toString())
      } catch {
        return // garbage is ignored, the connection stays
      }
      if (!message || typeof message !== 'object') return
      const list = Array.isArray(message.topics) ? message.topics.filter((t): t is string => typeof t === 'string' && t.length <= 200) : []
      switch (message.type) {
        case 'subscribe':
          for (const t of list) {
            if (mine.size >= limits.maxTopics && !mine.has(t)) break
            mine.add(t)
            add(conn, t)
          }
          break
        case 'unsubscribe':
          for (const t of list) {
            mine.delete(t)
            remove(conn, t)
          }
          break
        case 'publish': {
          const receivers = typeof message.topic === 'string' ? topics.get(message.topic) : undefined
          if (!receivers || !mine.has(message.topic as string)) break
          message.clients = receivers.size
          const out = JSON.stringify(message)
          receivers.forEach((r) => send(r, out))
          bus?.publish(channel(message.topic as string), JSON.stringify({ o: origin, m: out }))
          break
        }
        case 'ping':
          send(conn, JSON.stringify({ type: 'pong' }))
      }
    })
  })

  return {
    upgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req))
    },
    topicCount: () => topics.size,
    close: () => {
      wss.clients.forEach((c) => c.terminate())
      wss.close()
      unlisten.forEach((off) => off())
      unlisten.clear()
    },
  }
}
