/**
 * One join figure alone, a few times, with a CPU profile of the last: `npx tsx tests/bench/profile-join.ts relay|webrtc [n] [reps] [out.cpuprofile]`.
 * Not part of `npm run bench`: it is for finding where a join's time goes.
 */
import { writeFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { createRoom, person, roomLinkOf, seed } from '../e2e/harness.ts'
import { log } from './config.ts'
import { allOnRelay, noWebrtc } from './joins.ts'
import { waitForSnapshot } from './relay.ts'
import { relayUrl, startBench } from './setup.ts'

const [how = 'relay', nArg = '10000', repsArg = '3', out] = process.argv.slice(2)
const n = Number(nArg)
const reps = Number(repsArg)

const timeJoin = (page: Page, link: string, n: number) =>
  page.evaluate(async ([hash, n]) => {
    const started = performance.now()
    location.hash = hash
    const h = (globalThis as any).__hearth
    let half = 0
    while ((h.session()?.room.ledger.invites.size ?? 0) < n) {
      if (!half && (h.session()?.room.ledger.invites.size ?? 0) >= n / 2) half = performance.now() - started
      if (performance.now() - started > 180_000) return null
      await new Promise((r) => setTimeout(r, 10))
    }
    const ms = performance.now() - started
    ;(globalThis as any).__joinStarted = started
    return { ms, half }
  }, [new URL(link).hash, n] as const)

// the join's own marks (hearth:*), after it is done: what still runs behind the first view
const marksOf = (page: Page) =>
  page.evaluate(async () => {
    await new Promise((r) => setTimeout(r, 3000))
    const started = (globalThis as any).__joinStarted as number
    return performance.getEntriesByType('mark').filter((m) => m.startTime >= started).map((m) => `${m.name.replace('hearth:', '')} ${(m.startTime - started).toFixed(0)}`).join(', ')
  })

const b = await startBench()
try {
  const relay = how === 'relay'
  const url = relay ? b.relayServer.url : b.server.url
  const init = relay ? noWebrtc : undefined
  const ana = await person(b.browser, url, 'Ana', init)
  await createRoom(ana, `Join ${n}`)
  const link = await roomLinkOf(ana)
  await seed(ana, n)
  while ((await b.count(ana.page)) < n) await ana.page.waitForTimeout(100)
  if (relay) {
    await allOnRelay(ana)
    const snap = await waitForSnapshot(relayUrl(b.relayServer), new URLSearchParams(new URL(link).hash.split('?')[1]).get('k')!, 30_000)
    log('snapshot', JSON.stringify(snap))
    await ana.context.close()
  }
  const runs: (number | null)[] = []
  for (let r = 0; r < reps; r++) {
    const ben = await person(b.browser, url, `Ben ${r}`, init)
    const profile = out && r === reps - 1
    const cdp = profile ? await ben.context.newCDPSession(ben.page) : null
    if (cdp) { await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 200 }); await cdp.send('Profiler.start') }
    const t = await timeJoin(ben.page, link, n)
    const ms = t?.ms ?? null
    // the profile covers the join alone, up to the last record counted, not what runs behind it
    if (cdp) writeFileSync(out, JSON.stringify((await cdp.send('Profiler.stop')).profile))
    log(`half at ${t?.half.toFixed(0)} ms; ${await marksOf(ben.page)}`)
    runs.push(ms)
    log(`${how} join ${n}: ${ms?.toFixed(0)} ms`)
    await ben.context.close()
  }
  console.log(JSON.stringify({ how, n, runs }))
} finally {
  await b.stop()
}
