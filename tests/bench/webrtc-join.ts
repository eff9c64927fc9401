/**
 * The WebRTC join alone, with the marks of both sides: `npx tsx tests/bench/webrtc-join.ts [n] [reps]`.
 * The first newcomer comes before Ana's relay has a snapshot (she has just seeded), the others after.
 */
import type { Page } from 'playwright-core'
import { createRoom, person, roomLinkOf, seed } from '../e2e/harness.ts'
import { log } from './config.ts'
import { startBench } from './setup.ts'

const [nArg = '10000', repsArg = '3'] = process.argv.slice(2)
const n = Number(nArg)
const reps = Number(repsArg)

const marksOf = (page: Page, since: number) => page.evaluate((since) => performance.getEntriesByType('mark')
  .filter((m) => m.startTime + performance.timeOrigin >= since)
  .map((m) => `${m.name.replace('hearth:', '')} ${(m.startTime + performance.timeOrigin - since).toFixed(0)}`).join(', '), since)

const timeJoin = (page: Page, link: string, n: number) =>
  page.evaluate(async ([hash, n]) => {
    const started = performance.now()
    const at = performance.timeOrigin + started
    location.hash = hash
    const h = (globalThis as any).__hearth
    while ((h.session()?.room.ledger.invites.size ?? 0) < n) {
      if (performance.now() - started > 180_000) return null
      await new Promise((r) => setTimeout(r, 10))
    }
    return { ms: performance.now() - started, at }
  }, [new URL(link).hash, n] as const)

const b = await startBench()
try {
  const ana = await person(b.browser, b.server.url, 'Ana')
  await createRoom(ana, `Join ${n}`)
  await seed(ana, n)
  while ((await b.count(ana.page)) < n) await ana.page.waitForTimeout(100)
  const link = await roomLinkOf(ana)
  const runs: (number | null)[] = []
  for (let r = 0; r < reps; r++) {
    const ben = await person(b.browser, b.server.url, `Ben ${r}`)
    const t = await timeJoin(ben.page, link, n)
    runs.push(t?.ms ?? null)
    await ben.page.waitForTimeout(2000)
    if (t) log(`ben: ${await marksOf(ben.page, t.at)}`)
    if (t) log(`ana: ${await marksOf(ana.page, t.at)}`)
    log(`webrtc join ${n}: ${t?.ms.toFixed(0)} ms`)
    await ben.context.close()
  }
  log(JSON.stringify({ n, runs }))
} finally {
  await b.stop()
}
