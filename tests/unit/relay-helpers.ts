import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

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

/** waits for `check` to hold, up to `ms` */
export const until = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms
  while (!check()) {
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
