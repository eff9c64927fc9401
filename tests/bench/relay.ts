/**
 * The bench's Node side of the relay: a small client for the relay's wire format, the throughput driver
 * (many sockets, many topics, pushes with a bounded number in flight), and the raw floors it is set beside
 * (plain y-websocket in this process, and a bare websocket fan-out with the same wire in a child process).
 * Everything here talks to loopback only and is bounded in count and time.
 */
import { spawn } from 'node:child_process'
import type { AddressInfo } from 'node:net'
import { resolve } from 'node:path'
import { setupWSConnection, docs as ywsDocs } from '@y/websocket-server/utils'
import { WebSocketServer } from 'ws'
import * as Y from 'yjs'
import { roomKeys, seal, signWrite, type RoomKeys } from '../../src/crypto/index.ts'
import * as wire from '../../src/protocol/index.ts'
import { thinSocket } from './thin-ws.ts'

type State = Extract<wire.RelayMessage, { op: wire.Op.State }>
const TIMEOUT = 30_000

export class Refused extends Error {
  constructor(readonly code: wire.ErrorCode, message: string) { super(`${code}: ${message}`) }
}

export interface RelayClient {
  join: (keys: RoomKeys, since?: number) => Promise<State>
  push: (topic: string, id: string, data: Uint8Array) => Promise<number>
  /** Update messages (fan-out from other sockets) this socket has received */
  delivered: () => number
  close: () => void
}

/** One websocket to a relay, resolved once the relay's challenge has arrived. */
export const connectRelay = (url: string): Promise<RelayClient> => new Promise((ok, fail) => {
  const waiting = new Map<number, { ok: (m: wire.RelayMessage) => void; fail: (e: Error) => void; timer: NodeJS.Timeout }>()
  let nonce: Uint8Array | null = null
  let nextReq = 1
  let delivered = 0
  const giveUp = setTimeout(() => { ws.close(); fail(new Error(`no challenge from ${url}`)) }, TIMEOUT)

  const request = (make: (req: number) => wire.ClientMessage) => new Promise<wire.RelayMessage>((done, refuse) => {
    if (!ws.open) return refuse(new Error('the relay socket is closed'))
    const req = nextReq++
    const timer = setTimeout(() => { waiting.delete(req); refuse(new Error('the relay did not answer in time')) }, TIMEOUT)
    waiting.set(req, { ok: done, fail: refuse, timer })
    ws.send(wire.encodeClient(make(req)))
  })

  const client: RelayClient = {
    async join(keys, since = 0) {
      const sig = signWrite(keys, wire.readProof(nonce!, keys.topic, wire.relayOrigin(url)!))
      const m = await request((req) => ({ op: wire.Op.Join, req, topic: keys.topic, pub: keys.writePub, sig, since }))
      if (m.op !== wire.Op.State) throw new Error('the relay answered a join out of turn')
      return m
    },
    async push(topic, id, data) {
      const m = await request((req) => ({ op: wire.Op.Push, req, topic, id, data }))
      if (m.op !== wire.Op.Ack) throw new Error('the relay answered a push out of turn')
      return m.seq
    },
    delivered: () => delivered,
    close: () => ws.close(),
  }

  const message = (data: Uint8Array) => {
    const m = wire.decodeRelay(data)
    if (!m) return
    switch (m.op) {
      case wire.Op.Challenge:
        nonce = m.nonce
        clearTimeout(giveUp)
        ok(client)
        break
      case wire.Op.Update:
      case wire.Op.Live:
      case wire.Op.Stored:
      case wire.Op.Heard:
        break
      default: {
        const w = waiting.get(m.req)
        if (!w) break
        waiting.delete(m.req)
        clearTimeout(w.timer)
        if (m.op === wire.Op.Error) w.fail(new Refused(m.code, m.message))
        else w.ok(m)
      }
    }
  }
  // fan-out is only counted, by its first byte (the op): decoding every delivery would make the driver the bottleneck
  const ws = thinSocket(url, wire.Op.Update, {
    open: () => {},
    message,
    counted: () => void delivered++,
    error: (e) => { clearTimeout(giveUp); fail(e) },
    close: (code) => {
      for (const w of waiting.values()) { clearTimeout(w.timer); w.fail(new Error(`the relay socket closed (${code})`)) }
      waiting.clear()
    },
  })
})

/** Polls until the relay holds a snapshot for the room with this secret (what a newcomer reads in one round trip). */
export const waitForSnapshot = async (url: string, secret: string, timeout: number) => {
  const until = Date.now() + timeout
  const keys = roomKeys(secret)
  while (Date.now() < until) {
    const c = await connectRelay(url)
    try {
      const s = await c.join(keys, 0)
      if (s.snapshot) return { seq: s.snapshot.seq, bytes: s.snapshot.data.length, tail: s.updates.length }
    } finally {
      c.close()
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  return null
}

/** A realistic small Yjs update: one invitation-sized record set in a map, about 300 bytes. */
export const realisticUpdate = () => {
  const doc = new Y.Doc()
  let update: Uint8Array = new Uint8Array()
  doc.on('update', (u: Uint8Array) => { update = u })
  doc.getMap('records').set('inv_V1StGXR8_Z5jdHi6B-myT', {
    kind: 'event', author: 'mem_Xk2LpQ9rT4vW8yZ1aB3cD', seq: 17, prev: 'Qm3x7Yt2Lk9Pw4Rz8Vb1Nc6Hd5Fg0Js',
    content: { title: 'Soup night at the hall', text: 'Bring a bowl', start: 1767290400000, end: 1767301200000, tz: 'Europe/Berlin', place: 'The hall' },
    sig: 'a'.repeat(86),
  })
  return update
}

export interface ThroughputOptions { clients: number; topics: number; seconds: number; inflight: number }

/**
 * `clients` sockets each join the same `topics` topics; then, for `seconds`, each keeps `inflight` pushes in
 * flight, round-robin over the topics. updatesPerSec counts pushes acknowledged within the window; p99Ms is
 * push → Ack; deliveriesPerSec counts Update messages (fan-out) received by all sockets within the window.
 */
export const throughput = async (url: string, o: ThroughputOptions, mark?: (at: 'start' | 'end') => void) => {
  const run = Math.random().toString(36).slice(2, 10)
  const keys = Array.from({ length: o.topics }, (_, i) => roomKeys(`bench-throughput-${run}-${i}-${'x'.repeat(20)}`))
  const update = realisticUpdate()
  // sealed once per topic: the relay is blind, so a resent blob costs it what a fresh one would
  const sealed = keys.map((k) => seal(k, 'update', update))
  const clients: RelayClient[] = []
  try {
    for (let c = 0; c < o.clients; c++) clients.push(await connectRelay(url))
    const joinStarted = performance.now()
    await Promise.all(clients.map(async (c) => {
      for (let i = 0; i < keys.length; i += 25) await Promise.all(keys.slice(i, i + 25).map((k) => c.join(k, 0)))
    }))
    const joinMs = performance.now() - joinStarted
    const deliveredBefore = clients.reduce((s, c) => s + c.delivered(), 0)
    const latencies: number[] = []
    const errors = new Map<string, number>()
    let acked = 0
    let deliveredAtEnd = 0
    const started = performance.now()
    const end = started + o.seconds * 1000
    const closeWindow = setTimeout(() => { deliveredAtEnd = clients.reduce((s, c) => s + c.delivered(), 0) }, o.seconds * 1000)
    let next = 0
    const cpuBefore = process.cpuUsage()
    mark?.('start')
    const pusher = async (c: RelayClient, who: number) => {
      while (performance.now() < end) {
        const k = next++
        const t = k % keys.length
        const at = performance.now()
        try {
          await c.push(keys[t].topic, `b${run}${who.toString(36)}x${k.toString(36)}`, sealed[t])
          const now = performance.now()
          if (now <= end) acked++
          latencies.push(now - at)
        } catch (e) {
          const code = e instanceof Refused ? e.code : (e as Error).message
          errors.set(code, (errors.get(code) ?? 0) + 1)
          // a refusal comes back at once: don't spin on it
          await new Promise((r) => setTimeout(r, 20))
        }
      }
    }
    await Promise.all(clients.flatMap((c, ci) => Array.from({ length: o.inflight }, (_, j) => pusher(c, ci * o.inflight + j))))
    clearTimeout(closeWindow)
    const cpu = process.cpuUsage(cpuBefore)
    mark?.('end')
    const window = performance.now() - started
    if (!deliveredAtEnd) deliveredAtEnd = clients.reduce((s, c) => s + c.delivered(), 0)
    // let the last fan-out land, to check every push reached every other socket
    await new Promise((r) => setTimeout(r, 500))
    const deliveredTotal = clients.reduce((s, c) => s + c.delivered(), 0) - deliveredBefore
    const sorted = latencies.sort((a, b) => a - b)
    const at = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : null)
    return {
      updatesPerSec: acked / o.seconds,
      p50Ms: at(50), p99Ms: at(99),
      deliveriesPerSec: (deliveredAtEnd - deliveredBefore) / o.seconds,
      /** deliveries per acknowledged push, over everything sent: clients - 1 when fan-out is complete */
      fanOut: latencies.length ? deliveredTotal / latencies.length : null,
      pushes: latencies.length, joinMs, updateBytes: update.length, sealedBytes: sealed[0].length,
      errors: Object.fromEntries(errors),
      /** this driver's own CPU over the window, as a share of one core: near 1, the driver and not the relay sets the pace */
      driverCpu: (cpu.user + cpu.system) / 1000 / window,
    }
  } finally {
    for (const c of clients) c.close()
  }
}

/** Plain y-websocket's server (@y/websocket-server) in this process on a free loopback port. */
export const startYws = async () => {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 })
  await new Promise<void>((ok) => wss.once('listening', () => ok()))
  wss.on('connection', (conn, req) => setupWSConnection(conn, req))
  const port = (wss.address() as AddressInfo).port
  return {
    url: `ws://127.0.0.1:${port}`,
    /** records the server's copy of a room holds */
    size: (name: string) => ywsDocs.get(name)?.getMap('records').size ?? 0,
    stop: async () => {
      for (const c of wss.clients) c.terminate()
      await new Promise<void>((ok) => wss.close(() => ok()))
      // without persistence the server keeps every doc, and each doc's awareness keeps a timer going
      for (const doc of ywsDocs.values()) doc.destroy()
      ywsDocs.clear()
    },
  }
}

/** The bare fan-out floor (floor-relay.ts) in its own process, as the relay is. */
export const startFloor = async () => {
  const proc = spawn(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, 'floor-relay.ts')], { stdio: ['ignore', 'pipe', 'inherit'] })
  const url = await new Promise<string>((ok, fail) => {
    let out = ''
    const t = setTimeout(() => fail(new Error('the floor relay did not start')), 30_000)
    proc.stdout!.on('data', (d) => {
      out += d
      const m = /listening on (\S+)/.exec(out)
      if (m) { clearTimeout(t); ok(m[1]) }
    })
    proc.on('exit', (code) => { clearTimeout(t); fail(new Error(`the floor relay exited with ${code}`)) })
  })
  return {
    url, pid: proc.pid!,
    stop: () => new Promise<void>((ok) => { if (proc.exitCode !== null || proc.signalCode) return ok(); proc.once('exit', () => ok()); proc.kill('SIGTERM') }),
  }
}
