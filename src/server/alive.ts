import type { WebSocket, WebSocketServer } from 'ws'

/**
 * Pings every socket of `wss` each `ms` and ends one that hasn't answered the ping before: a phone that left the
 * network never says goodbye, and its socket would hold its topics and its address's count for good.
 * Only a `watch`ed socket's answers count, so one refused at the door is ended at the second ping.
 */
export const keepAlive = (wss: WebSocketServer, ms: number) => {
  const pinged = new WeakSet<WebSocket>()
  const timer = setInterval(() => {
    for (const ws of wss.clients) {
      if (pinged.has(ws)) { ws.terminate(); continue }
      pinged.add(ws)
      try { ws.ping() } catch { ws.terminate() }
    }
  }, ms)
  timer.unref()
  return {
    watch: (ws: WebSocket) => { ws.on('pong', () => pinged.delete(ws)) },
    stop: () => clearInterval(timer),
  }
}
