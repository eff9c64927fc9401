/**
 * The bench's verify figure alone, in Chromium: `npx vite build && npx tsx tests/bench/verify-only.ts`.
 * For work on the ledger, where the whole `npm run bench` is too much for a shared machine. AUTHORS=1: one author's room.
 * `--profile` prints where one more cold open's time went on the page (self ms by function), the open alone (its decode
 * comes before the profile starts); BENCH_MINIFY=0 keeps the functions' names.
 */
import { N10K, REPS } from './config.ts'
import { startBench } from './setup.ts'

const bench = await startBench()
try {
  const { context, page } = await bench.benchPage()
  await page.evaluate(([n, a]) => (window as any).bench.makeState(n, a), [N10K, Number(process.env.AUTHORS ?? 50)] as const)
  for (let r = 0; r < REPS; r++) {
    const v = await page.evaluate(() => (window as any).bench.verify())
    console.log(`verify ${N10K}: cold ${v.coldMs.toFixed(0)} ms, cached ${v.cachedMs.toFixed(0)} ms`)
  }
  if (process.argv.includes('--profile')) {
    const cdp = await context.newCDPSession(page)
    await cdp.send('Profiler.enable')
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 })
    await page.evaluate(() => (window as any).bench.coldDoc())
    await cdp.send('Profiler.start')
    console.log(`profiled cold open: ${(await page.evaluate(() => (window as any).bench.coldOpen())).toFixed(0)} ms`)
    const { profile } = await cdp.send('Profiler.stop')
    const hits = new Map<number, number>()
    profile.samples!.forEach((id, i) => hits.set(id, (hits.get(id) ?? 0) + (profile.timeDeltas![i] ?? 0)))
    const self = new Map<string, number>()
    for (const n of profile.nodes) {
      const f = n.callFrame
      const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}:${f.columnNumber}`
      self.set(key, (self.get(key) ?? 0) + (hits.get(n.id) ?? 0) / 1000)
    }
    console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, ms]) => `${ms.toFixed(1)} ms  ${k}`).join('\n'))
  }
  await context.close()
} finally {
  await bench.stop()
}
