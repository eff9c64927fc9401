/**
 * The relay's throughput alone, beside its floor, back to back: `npx tsx tests/bench/relay-only.ts [runs] [--prof dir] [--inflight n] [--no-floor | --no-relay]; REDIS_URL for Redis`.
 * With --prof the relay process writes a CPU profile (node --cpu-prof) into dir when it stops.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ClassicLevel } from 'classic-level'
import { pct, root, TP } from './config.ts'
import { startFloor, throughput } from './relay.ts'
import { relayUrl } from './setup.ts'

const args = process.argv.slice(2)
const runs = Number(args.find((a) => /^\d+$/.test(a)) ?? 3)
const prof = args.includes('--prof') ? args[args.indexOf('--prof') + 1] : undefined
const floorToo = !args.includes('--no-floor')
// more pushes in flight than the bench's: what the relay takes when the disk's fsync time doesn't set the pace
const load = args.includes('--inflight') ? { ...TP, inflight: Number(args[args.indexOf('--inflight') + 1]) } : TP
const brief = (r: Awaited<ReturnType<typeof throughput>>) =>
  `${Math.round(r.updatesPerSec)}/s p50 ${r.p50Ms?.toFixed(1)} ms p99 ${r.p99Ms?.toFixed(1)} ms fan-out ${r.fanOut?.toFixed(2)} errors ${JSON.stringify(r.errors)}`

const env: Record<string, string> = {
  SIGNAL: 'off', RELAY_RATE: '1000000', RELAY_BURST: '1000000',
  RELAY_TOPICS_PER_SOCKET: String(TP.topics + 100), RELAY_TOPICS_PER_ADDRESS: String(TP.topics + 100), RELAY_SOCKETS_PER_ADDRESS: String(TP.clients + 100),
  HEARTH_DATA: mkdtempSync(join(tmpdir(), 'hearth-relay-only-')),
}
// the relay serves no page here, but the server wants a build to start
env.HEARTH_DIST = mkdtempSync(join(tmpdir(), 'hearth-relay-only-dist-'))
writeFileSync(join(env.HEARTH_DIST, 'index.html'), '<!doctype html>')
if (process.env.REDIS_URL) env.REDIS_URL = process.env.REDIS_URL

/** the server as startServer runs it, with node's own flags in front (NODE_OPTIONS refuses --cpu-prof) */
const start = async () => {
  const flags = prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : []
  const proc = spawn(process.execPath, [...flags, '--import', 'tsx', 'src/server/main.ts'], {
    cwd: root, env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env }, stdio: ['ignore', 'pipe', 'inherit'],
  })
  const url = await new Promise<string>((ok, fail) => {
    let out = ''
    proc.stdout!.on('data', (d) => { out += d; const m = /running at (\S+)/.exec(out); if (m) ok(m[1]) })
    proc.on('exit', (code) => fail(new Error(`server exited with ${code}: ${out}`)))
  })
  return { url, stop: () => new Promise<void>((ok) => { proc.once('exit', () => ok()); proc.kill('SIGTERM') }) }
}
/** what one synced LevelDB write costs on this disk now: a durable ack can't come sooner */
const fsyncMs = async (dir: string) => {
  const db = new ClassicLevel<string, Uint8Array>(dir, { valueEncoding: 'view' })
  const times: number[] = []
  for (let i = 0; i < 50; i++) {
    const at = performance.now()
    await db.put(`k${i}`, new Uint8Array(400), { sync: true })
    times.push(performance.now() - at)
  }
  await db.close()
  return `synced write p50 ${pct(times, 50).toFixed(1)} ms p90 ${pct(times, 90).toFixed(1)} ms`
}
console.log('disk', await fsyncMs(mkdtempSync(join(tmpdir(), 'hearth-fsync-'))))
if (!args.includes('--no-relay')) {
  const tp = await start()
  try {
    for (let r = 0; r < runs; r++) console.log('relay', brief(await throughput(relayUrl(tp), load)))
  } finally {
    await tp.stop()
  }
}
if (floorToo) {
  const floor = await startFloor()
  try {
    for (let r = 0; r < runs; r++) console.log('floor', brief(await throughput(floor.url, load)))
  } finally {
    await floor.stop()
  }
}
