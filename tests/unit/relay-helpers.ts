import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import WebSocket from 'ws'
import { roomKeys, signWrite, type RoomKeys } from '../../src/crypto/index.ts'
import * as wire from '../../src/protocol/index.ts'

export const tempDir = (name: string) => mkdtempSync(join(tmpdir(), `hearth-${name}-`))

export const freePort = () => new Promise<number>((ok, fail) => {
  const s = net.createServer()
  s.once('error', fail)
  s.listen(0, '127.0.0.1', () => {
    const { port } = s.address() as net.AddressInfo
    s.close(() => ok(port))
  })
})

export const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms))

/** waits for `check` to hold, up to `ms`; `poll` refreshes what it looks at */
export const until = async (check: () => boolean, ms = 5000, poll?: () => Promise<void>) => {
  const end = Date.now() + ms
  for (;;) {
    await poll?.()
    if (check()) return
    if (Date.now() > end) throw new Error('timed out waiting')
    await sleep(10)
  }
}

const ping = (port: number) => new Promise<boolean>((ok) => {
  const s = net.connect(port, '127.0.0.1')
  s.once('error', () => ok(false))
  s.once('connect', () => s.write('PING\r\n'))
  s.once('data', (d) => { ok(String(d).startsWith('+PONG')); s.destroy() })
})

export const exited = (proc: ChildProcess) => new Promise<void>((ok) => {
  if (proc.exitCode !== null || proc.signalCode !== null) return ok()
  proc.once('exit', () => ok())
})

/** A throwaway redis-server on a free loopback port, with nothing written to disk. */
export const startRedis = async () => {
  const port = await freePort()
  const dir = tempDir('redis')
  const proc = spawn(process.env.REDIS_SERVER ?? 'redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' })
  let failed: Error | null = null
  proc.once('error', (e) => { failed = e })
  const end = Date.now() + 10_000
  while (!(await ping(port))) {
    if (failed) throw new Error(`could not start redis-server (install it: apt-get install redis-server): ${(failed as Error).message}`)
    if (Date.now() > end) throw new Error('redis-server did not answer PING')
    await sleep(50)
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      proc.kill('SIGKILL')
      await exited(proc)
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

const root = resolve(import.meta.dirname, '../..')

let standIn: string | null = null
/** the built app, or a stand-in page: these tests need the server, not the app */
const distDir = () => {
  if (existsSync(join(root, 'dist', 'index.html'))) return join(root, 'dist')
  if (!standIn) {
    standIn = tempDir('dist')
    writeFileSync(join(standIn, 'index.html'), '<!doctype html><title>Hearth</title>')
  }
  return standIn
}

export const removeStandIn = () => {
  if (standIn) rmSync(standIn, { recursive: true, force: true })
  standIn = null
}

export interface Server { url: string; relay: string; proc: ChildProcess; output: () => string; stop: () => Promise<void>; kill: () => Promise<void> }

/** `npm start`'s server (without the build step) as a child process on a free loopback port. */
export const startServer = async (env: Record<string, string>): Promise<Server> => {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: root, env: { ...process.env, PORT: '0', HOST: '127.0.0.1', HEARTH_DIST: distDir(), ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  proc.stderr!.on('data', (d) => { out += d })
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => { proc.kill('SIGKILL'); fail(new Error(`server did not start: ${out}`)) }, 20_000)
    proc.stdout!.on('data', (d) => {
      out += d
      const m = /Relay on (\S+)/.exec(out)
      if (m) { clearTimeout(timer); ok(m[1]) }
    })
    proc.once('exit', (code) => { clearTimeout(timer); fail(new Error(`server exited with ${code}: ${out}`)) })
  })
  const end = async (signal: NodeJS.Signals) => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal)
    await exited(proc)
  }
  return { url: url.replace('/relay', '/'), relay: url, proc, output: () => out, stop: () => end('SIGTERM'), kill: () => end('SIGKILL') }
}

type Reply = wire.RelayMessage

/** A relay client for tests: every frame it gets, decoded, and ways to wait for one. */
export const closeOf = (ws: WebSocket) => new Promise<{ code: number; reason: string }>((ok) => ws.once('close', (code, reason) => ok({ code, reason: String(reason) })))

/** `from` picks the loopback address the socket speaks from (127.0.0.2 is another address to the relay) */
export const connect = async (url: string, opts: { from?: string } = {}) => {
  const ws = new WebSocket(url, { localAddress: opts.from })
  const inbox: Reply[] = []
  let wake = () => {}
  ws.on('message', (data) => { inbox.push(wire.decodeRelay(new Uint8Array(data as Buffer))!); wake() })
  let gone = false
  const closed = new Promise<{ code: number; reason: string }>((ok) => ws.once('close', (code, reason) => { gone = true; wake(); ok({ code, reason: String(reason) }) }))
  ws.on('error', () => {})
  let req = 0
  const take = async <M extends Reply>(match: (m: Reply) => m is M, ms = 5000): Promise<M> => {
    const end = Date.now() + ms
    for (;;) {
      const at = inbox.findIndex(match)
      if (at >= 0) return inbox.splice(at, 1)[0] as M
      if (gone || Date.now() > end) throw new Error(`no matching message${gone ? ' (socket closed)' : ''}; inbox: ${JSON.stringify(inbox.map((m) => m.op))}`)
      await new Promise<void>((ok) => { wake = ok; setTimeout(ok, 20) })
    }
  }
  const challenge = await take((m): m is Extract<Reply, { op: wire.Op.Challenge }> => m.op === wire.Op.Challenge)
  const answer = (r: number) => take((m): m is Reply => 'req' in m && m.req === r)
  const client = {
    ws, inbox, closed, nonce: challenge.nonce, take,
    send: (m: wire.ClientMessage) => ws.send(wire.encodeClient(m)),
    /** a request; resolves with the reply to its req */
    ask: (make: (req: number) => wire.ClientMessage) => {
      const r = ++req
      client.send(make(r))
      return answer(r)
    },
    join: (keys: RoomKeys, since = 0) => client.ask((req) => ({ op: wire.Op.Join, req, topic: keys.topic, pub: keys.writePub, sig: signWrite(keys, wire.readProof(challenge.nonce, keys.topic)), since })),
    push: (topic: string, data: Uint8Array, id = pushId()) => client.ask((req) => ({ op: wire.Op.Push, req, topic, id, data })),
    updates: () => inbox.filter((m) => m.op === wire.Op.Update),
    close: () => ws.close(),
  }
  return client
}

let ids = 0
export const pushId = () => `push-${process.pid}-${++ids}`

/** a fresh room: its keys, from a secret nobody else has */
export const room = () => roomKeys(`secret ${Math.random()} ${Date.now()}`)
