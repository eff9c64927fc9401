/**
 * The floor for the relay's throughput: the same wire format over the same `ws`, and nothing else. It checks
 * no signature, stores nothing and acknowledges at once; a push is acknowledged and passed to the topic's other
 * sockets. What the real relay costs beyond this is its checks, its limits and its durable writes.
 */
import { randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import * as wire from '../../src/protocol/index.ts'

const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload: 1024 * 1024 })
const topics = new Map<string, Set<WebSocket>>()
const heads = new Map<string, number>()

wss.on('connection', (ws) => {
  const mine = new Set<string>()
  ws.send(wire.encodeRelay({ op: wire.Op.Challenge, nonce: randomBytes(32) }))
  ws.on('message', (data: Buffer) => {
    const m = wire.decodeClient(new Uint8Array(data.buffer, data.byteOffset, data.length))
    if (!m) return
    switch (m.op) {
      case wire.Op.Join: {
        let set = topics.get(m.topic)
        if (!set) topics.set(m.topic, (set = new Set()))
        set.add(ws)
        mine.add(m.topic)
        ws.send(wire.encodeRelay({ op: wire.Op.State, req: m.req, topic: m.topic, head: heads.get(m.topic) ?? 0, snapshot: null, updates: [] }))
        break
      }
      case wire.Op.Push: {
        const seq = (heads.get(m.topic) ?? 0) + 1
        heads.set(m.topic, seq)
        ws.send(wire.encodeRelay({ op: wire.Op.Ack, req: m.req, seq }))
        const out = wire.encodeRelay({ op: wire.Op.Update, topic: m.topic, seq, data: m.data })
        for (const other of topics.get(m.topic) ?? []) if (other !== ws) other.send(out)
        break
      }
      case wire.Op.Leave:
        topics.get(m.topic)?.delete(ws)
        mine.delete(m.topic)
    }
  })
  ws.on('close', () => { for (const t of mine) topics.get(t)?.delete(ws) })
})

wss.on('listening', () => console.log(`floor relay listening on ws://127.0.0.1:${(wss.address() as AddressInfo).port}`))
const stop = () => { for (const c of wss.clients) c.terminate(); wss.close(() => process.exit(0)) }
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
