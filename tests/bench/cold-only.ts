/**
 * The bench's cold-load and heap figures alone, in Chromium: `npx vite build && npx tsx tests/bench/cold-only.ts`.
 * For work on opening a room, where the whole `npm run bench` is too much for a shared machine.
 * `--profile` writes a CPU profile of one reload to /tmp/hearth-cold.cpuprofile.
 */
import { writeFileSync } from 'node:fs'
import { createRoom, person, seed } from '../e2e/harness.ts'
import { N10K, REPS, log, stat } from './config.ts'
import { coldLoad } from './joins.ts'
import { startBench } from './setup.ts'

// feed-rendered: the list first painted (from the kept glance, if any); feed-checked: the checked fold's list
const marks = ['hearth:room-open', 'hearth:session-open', 'hearth:room-ready', 'hearth:feed-rendered', 'hearth:feed-checked']
const bench = await startBench()
try {
  const ana = await person(bench.browser, bench.server.url, 'Ana')
  await createRoom(ana, `Cold ${N10K}`)
  await seed(ana, N10K)
  while ((await bench.count(ana.page)) < N10K) await ana.page.waitForTimeout(100)
  // the verification cache is saved a second after the last change
  await ana.page.waitForTimeout(2000)
  log(`a room of ${N10K} is ready`)
  if (process.argv.includes('--profile')) {
    const cdp = await ana.context.newCDPSession(ana.page)
    await cdp.send('Profiler.enable')
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
    await cdp.send('Profiler.start')
    await ana.page.reload()
    await ana.page.waitForFunction(() => performance.getEntriesByName('hearth:feed-checked').length > 0, undefined, { timeout: 300_000 })
    const { profile } = await cdp.send('Profiler.stop')
    writeFileSync('/tmp/hearth-cold.cpuprofile', JSON.stringify(profile))
  }
  const steps = async () => ana.page.evaluate((names) => {
    const t0 = performance.getEntriesByName(names[0])[0]?.startTime ?? 0
    return names.map((n) => `${n.replace('hearth:', '')} ${((performance.getEntriesByName(n)[0]?.startTime ?? NaN) - t0).toFixed(0)}`).join(', ')
  }, marks)
  if (process.argv.includes('--steps')) {
    for (let r = 0; r < REPS; r++) {
      await ana.page.reload()
      await ana.page.waitForFunction(() => performance.getEntriesByName('hearth:feed-checked').length > 0, undefined, { timeout: 300_000 })
      const checked = await ana.page.evaluate(() => (globalThis as any).__hearth.session()?.room.ledger.checked())
      log(`reload: ${await steps()}; checked ${checked}`)
    }
  }
  const { runs, raw, slowRuns, slowRaw, checkedRuns, slowCheckedRuns, heap } = await coldLoad(bench, ana.page)
  log('last reload:', await steps())
  const s = (xs: number[]) => JSON.stringify(stat(xs))
  const r = (a: number[], b: number[]) => (stat(a).median! / stat(b).median!).toFixed(2)
  console.log(`cold load ${s(runs)}\nchecked list ${s(checkedRuns)}\nraw ${s(raw)}\nratio ${r(runs, raw)}, checked ${r(checkedRuns, raw)}`)
  console.log(`slow ${s(slowRuns)} checked ${s(slowCheckedRuns)} raw ${s(slowRaw)}, ratio checked ${r(slowCheckedRuns, slowRaw)}\nheap MB ${s(heap)}`)
  await ana.context.close()
} finally {
  await bench.stop()
}
