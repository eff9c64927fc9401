/**
 * The bench's verify figure alone, in Chromium: `npx vite build && npx tsx tests/bench/verify-only.ts`.
 * For work on the ledger, where the whole `npm run bench` is too much for a shared machine.
 */
import { N10K, REPS } from './config.ts'
import { startBench } from './setup.ts'

const bench = await startBench()
try {
  const { context, page } = await bench.benchPage()
  await page.evaluate((n) => (window as any).bench.makeState(n), N10K)
  for (let r = 0; r < REPS; r++) {
    const v = await page.evaluate(() => (window as any).bench.verify())
    console.log(`verify ${N10K}: cold ${v.coldMs.toFixed(0)} ms, cached ${v.cachedMs.toFixed(0)} ms`)
  }
  await context.close()
} finally {
  await bench.stop()
}
