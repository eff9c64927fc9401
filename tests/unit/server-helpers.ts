import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import WebSocket from 'ws'
import { startServer, tempDir, type Server } from './relay-helpers.ts'

export interface Started extends Server {
  /** http(s)://host:port/ */
  /** ws://host:port/signal */
  signal: string
  port: number
  done: () => Promise<void>
}

/**
 * The real server on a free loopback port, with its own data directory and a stand-in build
 * (index.html, one script): these tests need the server, and a build another session may be rewriting would race them.
 */
export const serve = async (env: Record<string, string> = {}): Promise<Started> => {
  const data = tempDir('server-data')
  const dist = tempDir('server-dist')
  mkdirSync(join(dist, 'assets'))
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Hearth</title><script type="module" src="./assets/app.js"></script>')
  writeFileSync(join(dist, 'assets', 'app.js'), 'console.log("hearth")')
  const s = await startServer({ HEARTH_DATA: data, HEARTH_DIST: dist, ...env })
  const u = new URL(s.url)
  // the start-up line names the relay, ws: or wss:
  const secure = u.protocol === 'wss:' || u.protocol === 'https:'
  return {
    ...s,
    url: `${secure ? 'https' : 'http'}://${u.host}/`,
    signal: `${secure ? 'wss' : 'ws'}://${u.host}/signal`,
    port: Number(u.port),
    done: async () => {
      await s.stop()
      for (const dir of [data, dist]) rmSync(dir, { recursive: true, force: true })
    },
  }
}

export type SignalMessage = { type?: string; topic?: string; data?: unknown; clients?: number; [k: string]: unknown }

/** A signaling client as y-webrtc's would be: JSON in, JSON out; `from` picks the loopback address it speaks from. */
export const signalClient = async (url: string, opts: { from?: string } = {}) => {
  const ws = new WebSocket(url, { localAddress: opts.from })
  const inbox: SignalMessage[] = []
  ws.on('message', (m) => inbox.push(JSON.parse(String(m))))
  ws.on('error', () => {})
  const closed = new Promise<{ code: number; reason: string }>((ok) => ws.once('close', (code, reason) => ok({ code, reason: String(reason) })))
  const opened = await new Promise<boolean>((ok) => {
    ws.once('open', () => ok(true))
    ws.once('close', () => ok(false))
  })
  const send = (m: unknown) => ws.send(typeof m === 'string' ? m : JSON.stringify(m))
  /** the next message, or undefined after `ms` */
  const next = async (ms = 1000) => {
    const end = Date.now() + ms
    while (!inbox.length && Date.now() < end) await new Promise((r) => setTimeout(r, 10))
    return inbox.shift()
  }
  return { ws, opened, closed, inbox, send, next, close: () => ws.close() }
}

export type SignalClient = Awaited<ReturnType<typeof signalClient>>

/** resolves with the HTTP status a websocket upgrade was refused with, or 101 when it opened */
export const upgradeStatus = (url: string, headers: Record<string, string> = {}, extra: WebSocket.ClientOptions = {}) =>
  new Promise<number>((ok, fail) => {
    const ws = new WebSocket(url, { headers, ...extra })
    ws.once('open', () => { ok(101); ws.close() })
    ws.once('unexpected-response', (_req, res) => { ok(res.statusCode ?? 0); res.resume(); ws.terminate() })
    ws.once('error', (e) => fail(e))
  })
