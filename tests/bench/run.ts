/**
 * `npm run bench`: Hearth's speed beside raw Yjs, raw y-webrtc and raw y-websocket, in one run, in real Chromium,
 * and the relay's throughput driven from Node beside a bare websocket fan-out.
 * `--smoke` runs everything with tiny sizes, so the bench cannot rot (npm test does that).
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { FIRST_SCREEN_BUDGET_KB, firstScreen } from '../../scripts/first-screen.ts'
import { startServer } from '../e2e/harness.ts'
import { N100K, N10K, REPS, REPS_100K, RUNS, TP, log, root } from './config.ts'
import { coldLoad, hearthJoin, rawJoin, rawWsJoin, relayJoin } from './joins.ts'
import { audits } from './lighthouse.ts'
import { propagation, relayPropagation } from './propagation.ts'
import { startFloor, throughput } from './relay.ts'
import { report } from './report.ts'
import { relayUrl, startBench, type Bench } from './setup.ts'

/** The real relay process, with per-address limits lifted (one host plays every client), beside the bare fan-out floor. */
const relayThroughput = async (b: Bench) => {
  const tp = await startServer(0, b.dist, {
    SIGNAL: 'off', RELAY_RATE: '1000000', RELAY_BURST: '1000000',
    RELAY_TOPICS_PER_SOCKET: String(TP.topics + 100), RELAY_TOPICS_PER_ADDRESS: String(TP.topics + 100), RELAY_SOCKETS_PER_ADDRESS: String(TP.clients + 100),
    // every run's pushes come from this one host: at 13,000/s three 10 s runs pass the 256 MB an address may store an hour
    RELAY_BYTES_PER_ADDRESS_PER_HOUR: String(2 ** 40),
  })
  const hearth = []
  try {
    for (let r = 0; r < RUNS; r++) {
      hearth.push(await throughput(relayUrl(tp), TP))
      log('relay throughput', JSON.stringify(hearth.at(-1)))
    }
  } finally {
    await tp.stop()
  }
  const floor = await startFloor()
  const raw = []
  try {
    for (let r = 0; r < RUNS; r++) {
      raw.push(await throughput(floor.url, TP))
      log('floor throughput', JSON.stringify(raw.at(-1)))
    }
  } finally {
    await floor.stop()
  }
  return { hearth, raw }
}

const jsSizes = () => {
  const gz = (file: string) => gzipSync(readFileSync(join(root, 'dist', file))).length / 1024
  const assets = readdirSync(join(root, 'dist/assets')).filter((f) => f.endsWith('.js'))
  const html = readFileSync(join(root, 'dist/index.html'), 'utf8')
  const initial = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1])
  return {
    // the first screen: what index.html loads before anything runs (as npm test's budget counts it)
    initial: firstScreen(join(root, 'dist')).gzipKB,
    budget: FIRST_SCREEN_BUDGET_KB,
    // as the bench counted it before (default gzip level): the same files
    initialDefaultGzip: initial.reduce((s, f) => s + gz(f), 0),
    total: assets.reduce((s, f) => s + gz(`assets/${f}`), 0),
    serviceWorker: ['sw.js', ...readdirSync(join(root, 'dist')).filter((f) => /^workbox-.*\.js$/.test(f))].reduce((s, f) => s + gz(f), 0),
  }
}

const bench = await startBench()
try {
  const sizes = jsSizes()
  log('join 10k')
  const j10 = await hearthJoin(bench, N10K, REPS, RUNS)
  const cold = await coldLoad(bench, j10.ana.page)
  const heap = cold.heap
  await j10.ana.context.close()
  const raw10 = await rawJoin(bench, N10K, REPS)
  log('join 100k')
  const j100 = await hearthJoin(bench, N100K, REPS_100K)
  await j100.ana.context.close()
  log('verify')
  const { context: vctx, page: vp } = await bench.benchPage()
  await vp.evaluate((n) => (window as any).bench.makeState(n), N10K)
  const verifies: { coldMs: number; cachedMs: number }[] = []
  for (let r = 0; r < REPS; r++) verifies.push(await vp.evaluate(() => (window as any).bench.verify()))
  await vctx.close()
  log('propagation')
  const prop = await propagation(bench)
  log('join via the relay')
  const jr = await relayJoin(bench, N10K, REPS)
  const rawWs = await rawWsJoin(bench, N10K, REPS)
  log('propagation via the relay')
  const rprop = await relayPropagation(bench)
  log('relay throughput')
  const tput = await relayThroughput(bench)
  log('lighthouse')
  const lighthouse = await audits(bench.server.url, RUNS)
  report({
    sizes, join10k: j10.runs, join10kSlow: j10.slowRuns, raw10k: raw10, lighthouse, join100k: j100.runs, cold, heap, verifies,
    propagation: prop, relayJoin: jr, rawWsJoin: rawWs, relayPropagation: rprop, throughput: tput,
  })
} finally {
  await bench.stop()
}
