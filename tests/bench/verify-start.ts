/**
 * What starting the shape-check workers costs a cold open: in fresh pages, a room of 1,000 records opened cold
 * three times (the first starts the workers), with and without the workers prewarmed a moment before.
 * `npx tsx tests/bench/verify-start.ts`.
 */
import { startBench } from './setup.ts'

const bench = await startBench()
try {
  for (let r = 0; r < 3; r++) {
    for (const warm of [false, true]) {
      const { context, page } = await bench.benchPage()
      await page.evaluate(() => (window as any).bench.makeState(1000))
      if (warm) await page.evaluate(() => (window as any).bench.prewarm())
      await page.waitForTimeout(1000)
      const ms: string[] = []
      for (let k = 0; k < 3; k++) ms.push((await page.evaluate(() => (window as any).bench.verify())).coldMs.toFixed(0))
      console.log(`cold open of 1,000, ${warm ? 'prewarmed' : 'not prewarmed'}: ${ms.join(' ')} ms (the first starts the workers)`)
      await context.close()
    }
  }
} finally {
  await bench.stop()
}
