import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const freePort = () => new Promise<number>((ok, fail) => {
  const s = createServer()
  s.once('error', fail)
  s.listen(0, '127.0.0.1', () => { const { port } = s.address() as { port: number }; s.close(() => ok(port)) })
})

/** A real Debian redis-server on a free loopback port, in a temp dir, for one test file. */
export const startRedis = async () => {
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), 'hearth-redis-'))
  const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: ['ignore', 'pipe', 'inherit'] })
  await new Promise<void>((ok, fail) => {
    let out = ''
    proc.stdout!.on('data', (d) => { out += d; if (/Ready to accept connections/i.test(out)) ok() })
    proc.once('exit', (code) => fail(new Error(`redis-server exited with ${code}: ${out}`)))
  })
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () => new Promise<void>((ok) => {
      if (proc.exitCode !== null) return ok()
      proc.once('exit', () => { rmSync(dir, { recursive: true, force: true }); ok() })
      proc.kill('SIGTERM')
    }),
  }
}
