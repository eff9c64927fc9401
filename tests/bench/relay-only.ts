/**
 * The relay's throughput alone, beside its floor, back to back: `npx tsx tests/bench/relay-only.ts [runs] [--prof dir] [--inflight n]
 * [--data dir] [--no-floor | --no-relay]; REDIS_URL for Redis`.
 * With --prof the relay process writes a CPU profile (node --cpu-prof) into dir when it stops. --data puts the relay's
 * store in a fresh directory under dir (on /dev/shm an fsync costs next to nothing: what the relay takes when the disk
 * doesn't set the pace). Each run prints the CPU the server and this driver spent, as a share of one core.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
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
  `${Math.round(r.updatesPerSec)}/s p50 ${r.p50Ms?.toFixed(1)} ms p99 ${r.p99Ms?.toFixed(1)} ms fan-out ${r.fanOut?.toFixed(2)} driver cpu ${r.driverCpu.toFixed(2)} errors ${JSON.stringify(r.errors)}`

/** a process's CPU seconds so far (Linux), so a run can say how busy the server was */
const cpuOf = (pid: number) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return (Number(f[11]) + Number(f[12])) / 100
}
/** one run, with the server's CPU while the pushes ran as a share of one core, and the machine's load */
const measured = async (pid: number, url: string) => {
  let cpu = 0
  let at = 0
  let share = 0
  const r = await throughput(url, load, (m) => {
    if (m === 'start') { cpu = cpuOf(pid); at = performance.now() }
    else share = (cpuOf(pid) - cpu) / ((performance.now() - at) / 1000)
  })
  // CPU per acknowledged push holds still on a busy machine, where pushes/s doesn't
  const perPush = (cpu: number) => Math.round((cpu * 1e6) / r.updatesPerSec)
  return `${brief(r)} server cpu ${share.toFixed(2)} (${perPush(share)} µs/push, driver ${perPush(r.driverCpu)}) load ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}`
}

const env: Record<string, string> = {
  SIGNAL: 'off', RELAY_RATE: '1000000', RELAY_BURST: '1000000',
  RELAY_TOPICS_PER_SOCKET: String(TP.topics + 100), RELAY_TOPICS_PER_ADDRESS: String(TP.topics + 100), RELAY_SOCKETS_PER_ADDRESS: String(TP.clients + 100),
  // every run's pushes come from this one host: at 13,000/s three 10 s runs pass the 256 MB an address may store an hour
  RELAY_BYTES_PER_ADDRESS_PER_HOUR: String(2 ** 40),
  HEARTH_DATA: mkdtempSync(join(args.includes('--data') ? args[args.indexOf('--data') + 1] : tmpdir(), 'hearth-relay-only-')),
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
  return { url, pid: proc.pid!, stop: () => new Promise<void>((ok) => { proc.once('exit', () => ok()); proc.kill('SIGTERM') }) }
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
    for (let r = 0; r < runs; r++) console.log('relay', await measured(tp.pid, relayUrl(tp)))
  } finally {
    await tp.stop()
  }
}
if (floorToo) {
  const floor = await startFloor()
  try {
    for (let r = 0; r < runs; r++) console.log('floor', await measured(floor.pid, floor.url))
  } finally {
    await floor.stop()
  }
}
