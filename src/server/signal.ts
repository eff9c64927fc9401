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

export const createSignaling = (limits: SignalLimits = DEFAULT_LIMITS) => {
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxPayload })
  const topics = new Map<string, Set<WebSocket>>()

  const send = (conn: WebSocket, message: string) => {
    if (conn.readyState !== conn.OPEN) return
    try { conn.send(message) } catch { conn.close() }
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
      for (const t of mine) {
        const subs = topics.get(t)
        subs?.delete(conn)
        if (subs && !subs.size) topics.delete(t)
      }
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
            let subs = topics.get(t)
            if (!subs) topics.set(t, (subs = new Set()))
            subs.add(conn)
          }
          break
        case 'unsubscribe':
          for (const t of list) {
            mine.delete(t)
            topics.get(t)?.delete(conn)
          }
          break
        case 'publish': {
          const receivers = typeof message.topic === 'string' ? topics.get(message.topic) : undefined
          if (!receivers || !mine.has(message.topic as string)) break
          message.clients = receivers.size
          const out = JSON.stringify(message)
          receivers.forEach((r) => send(r, out))
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
    close: () => { wss.clients.forEach((c) => c.terminate()); wss.close() },
  }
}
