import type { AddressInfo } from 'node:net'
import WebSocket, { WebSocketServer } from 'ws'
import * as wire from '../../../../src/protocol/index.ts'

export type Tamper = (m: wire.RelayMessage, asked: wire.ClientMessage | undefined) => wire.RelayMessage | null
/** what a client sent, before it goes on: an answer given here stands for the relay's, and the frame never reaches it */
export type Answer = (m: wire.ClientMessage, who: string) => wire.RelayMessage | null

/**
 * A hostile relay in front of the honest one: every frame passes through, and `tamper` may change or drop what the
 * relay answers (it sees the request a reply answers). It forwards the client's Host, as a reverse proxy does, so
 * proofs made for its address hold at the relay behind it. `sent` counts what clients sent, by op, with bytes; `answer`
 * may answer a client's frame itself, which then never reaches the relay.
 */
export const hostileProxy = async (upstream: string, tamper: Tamper = (m) => m) => {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' })
  await new Promise<void>((ok) => wss.once('listening', () => ok()))
  const sent: { op: wire.Op; bytes: number; who: string }[] = []
  const sockets = new Set<WebSocket>()
  const clients = new Set<WebSocket>()
  const proxy: { tamper: Tamper; answer: Answer } = { tamper, answer: () => null }
  wss.on('connection', (client, req) => {
    const who = new URL(req.url ?? '/', 'http://x').searchParams.get('phone') ?? ''
    const up = new WebSocket(upstream, { headers: { host: req.headers.host ?? '' } })
    sockets.add(client).add(up)
    clients.add(client)
    const asked = new Map<number, wire.ClientMessage>()
    const early: Buffer[] = []
    up.on('open', () => { for (const b of early.splice(0)) up.send(b) })
    client.on('message', (data) => {
      const b = data as Buffer
      const m = wire.decodeClient(new Uint8Array(b))
      if (m) {
        sent.push({ op: m.op, bytes: b.length, who })
        if ('req' in m) asked.set(m.req, m)
        const own = proxy.answer(m, who)
        if (own) return client.send(wire.encodeRelay(own))
      }
      if (up.readyState === WebSocket.OPEN) up.send(b)
      else early.push(b)
    })
    up.on('message', (data) => {
      const m = wire.decodeRelay(new Uint8Array(data as Buffer))
      if (!m) return
      const out = proxy.tamper(m, 'req' in m ? asked.get(m.req) : undefined)
      if (out && client.readyState === WebSocket.OPEN) client.send(wire.encodeRelay(out))
    })
    const end = () => { client.close(); up.close() }
    client.on('close', end)
    up.on('close', end)
    client.on('error', end)
    up.on('error', end)
  })
  const { port } = wss.address() as AddressInfo
  return {
    url: `ws://127.0.0.1:${port}/relay`,
    sent,
    set tamper(t: Tamper) { proxy.tamper = t },
    get tamper() { return proxy.tamper },
    set answer(a: Answer) { proxy.answer = a },
    /** a frame of the hostile relay's own (or one it replays) to every client */
    inject: (m: wire.RelayMessage) => { for (const c of clients) if (c.readyState === WebSocket.OPEN) c.send(wire.encodeRelay(m)) },
    /** cuts every client's socket (as a relay that dies does); they connect again */
    drop: () => { for (const c of clients) c.terminate() },
    close: () => new Promise<void>((ok) => {
      for (const s of sockets) s.terminate()
      wss.close(() => ok())
    }),
  }
}
