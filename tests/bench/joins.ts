/** A newcomer joining a room (over WebRTC, through the relay, and the raw floors of both), and reopening one from IndexedDB. */
import type { Page } from 'playwright-core'
import { blockWebrtc, createRoom, person, roomLinkOf, savedOnRelay, seed, type Person } from '../e2e/harness.ts'
import { REPS, RUNS, SLOW, log, smoke } from './config.ts'
import { waitForSnapshot } from './relay.ts'
import { relayUrl, type Bench } from './setup.ts'

// tsx keeps function names with a `__name` helper that pages don't have, so the harness's init script gets its own
export const noWebrtc = blockWebrtc

/** Slows the page's CPU by `rate` (1: full speed), as DevTools does, to stand in for a cheap phone. */
export const slowDown = async (page: Page, rate: number) => {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Emulation.setCPUThrottlingRate', { rate })
}

/** ms from setting the room's hash until this page's model holds all `n` invitations, or null after 3 minutes. */
const timeJoin = (page: Page, link: string, n: number) =>
  page.evaluate(async ([hash, n]) => {
    const started = performance.now()
    location.hash = hash
    const h = (globalThis as any).__hearth
    while ((h.session()?.room.ledger.invites.size ?? 0) < n) {
      if (performance.now() - started > 180_000) return null
      await new Promise((r) => setTimeout(r, 10))
    }
    return performance.now() - started
  }, [new URL(link).hash, n] as const)

/** A new person opens the room link; ms until their model holds all `n` invitations. */
export const hearthJoin = async (b: Bench, n: number, reps: number, slowReps = 0) => {
  const ana = await person(b.browser, b.server.url, 'Ana')
  await createRoom(ana, `Join ${n}`)
  await seed(ana, n)
  while ((await b.count(ana.page)) < n) await ana.page.waitForTimeout(100)
  log(`a room of ${n} is ready`)
  const link = await roomLinkOf(ana)
  const runs: (number | null)[] = []
  for (let r = 0; r < reps; r++) {
    const ben = await person(b.browser, b.server.url, `Ben ${r}`)
    const ms = await timeJoin(ben.page, link, n)
    runs.push(ms)
    log(`join ${n}: ${ms?.toFixed(0)} ms`)
    await ben.context.close()
  }
  // the same join in a page slowed SLOW×
  const slowRuns: (number | null)[] = []
  for (let r = 0; r < slowReps; r++) {
    const ben = await person(b.browser, b.server.url, `Slow Ben ${r}`)
    await slowDown(ben.page, SLOW)
    const ms = await timeJoin(ben.page, link, n)
    slowRuns.push(ms)
    log(`join ${n}, ${SLOW}× slower CPU: ${ms?.toFixed(0)} ms`)
    await ben.context.close()
  }
  return { ana, runs, slowRuns }
}

/** Until this person's room says every change is on the relay (the model's status, then the words on screen). */
export const allOnRelay = async (p: Person) => {
  await p.page.waitForFunction(() => {
    const st = (globalThis as any).__hearth.session()?.status.get()
    return st?.relay === 'saved' && st.pending === 0
  }, undefined, { timeout: 180_000, polling: 100 })
  await savedOnRelay(p)
}

/**
 * Ana seeds a room, waits until it is on the relay and her client has uploaded a snapshot, and leaves. Each newcomer
 * has WebRTC blocked, and the server has no signaling: only the relay can deliver.
 */
export const relayJoin = async (b: Bench, n: number, reps: number) => {
  const ana = await person(b.browser, b.relayServer.url, 'Ana', noWebrtc)
  await createRoom(ana, `Relay ${n}`)
  const link = await roomLinkOf(ana)
  await seed(ana, n)
  while ((await b.count(ana.page)) < n) await ana.page.waitForTimeout(100)
  await allOnRelay(ana)
  // her client uploads a snapshot a few seconds after a large change (none for a room as small as the smoke run's)
  const snapshot = smoke ? null : await waitForSnapshot(relayUrl(b.relayServer), new URLSearchParams(new URL(link).hash.split('?')[1]).get('k')!, 30_000)
  if (smoke) await ana.page.waitForTimeout(1000)
  log(`a room of ${n} is on the relay`, snapshot ? `with a snapshot at seq ${snapshot.seq} (${(snapshot.bytes / 1024).toFixed(0)} KB sealed) and ${snapshot.tail} updates after it` : 'with no snapshot')
  await ana.context.close()
  const runs: (number | null)[] = []
  for (let r = 0; r < reps; r++) {
    const ben = await person(b.browser, b.relayServer.url, `Ben ${r}`, noWebrtc)
    const ms = await timeJoin(ben.page, link, n)
    runs.push(ms)
    log(`join ${n} via the relay: ${ms?.toFixed(0)} ms`)
    await ben.context.close()
  }
  return { runs, snapshot }
}

/** The floor: the same signed state through plain y-websocket; its host leaves before anyone joins. */
export const rawWsJoin = async (b: Bench, n: number, reps: number) => {
  const { context: host, page: hp } = await b.benchPage()
  await hp.evaluate((n) => (window as any).bench.makeState(n), n)
  const name = `raw-ws-join-${n}-${Date.now()}`
  if (!(await hp.evaluate(([url, name]) => (window as any).bench.rawWsHost(url, name), [b.yws.url, name] as const))) throw new Error('y-websocket never synced')
  for (const until = Date.now() + 60_000; b.yws.size(name) < n && Date.now() < until;) await new Promise((r) => setTimeout(r, 50))
  await host.close()
  const runs: (number | null)[] = []
  for (let r = 0; r < reps; r++) {
    const { context, page } = await b.benchPage()
    runs.push(await page.evaluate(([url, name, n]) => (window as any).bench.rawWsJoin(url, name, n, 60_000), [b.yws.url, name, n] as const))
    log(`raw y-websocket join ${n}: ${runs.at(-1)?.toFixed(0)} ms`)
    await context.close()
  }
  return runs
}

export const rawJoin = async (b: Bench, n: number, reps: number) => {
  const { context: host, page: hp } = await b.benchPage()
  await hp.evaluate((n) => (window as any).bench.makeState(n), n)
  const name = `raw-join-${n}-${Date.now()}`
  await hp.evaluate(([s, name]) => (window as any).bench.rawHost(s, name, 'raw-secret'), [b.signaling, name] as const)
  const runs: (number | null)[] = []
  for (let r = 0; r < reps; r++) {
    const { context, page } = await b.benchPage()
    runs.push(await page.evaluate(([s, name, n]) => (window as any).bench.rawJoin(s, name, 'raw-secret', n, 15_000), [b.signaling, name, n] as const))
    log(`raw join ${n}: ${runs.at(-1)}`)
    await context.close()
  }
  await host.close()
  return runs
}

/**
 * Reloads the page with the room open; from opening the room until its list has rendered (from the glance this
 * device kept, when it has one), and until the checked list has.
 */
const reopen = async (page: Page, what: string, checked: number[]) => {
  await page.reload()
  await page.waitForFunction(() => performance.getEntriesByName('hearth:feed-checked').length > 0, undefined, { timeout: 300_000 })
  const [ms, checkedMs] = await page.evaluate(() => ['hearth:feed-rendered', 'hearth:feed-checked'].map((n) =>
    performance.getEntriesByName(n)[0].startTime - performance.getEntriesByName('hearth:room-open')[0].startTime))
  log(`${what}: ${ms.toFixed(0)} ms, checked list ${checkedMs.toFixed(0)} ms`)
  checked.push(checkedMs)
  return ms
}

/** Reopens the room from IndexedDB, at full speed and slowed SLOW×, beside the raw decode of the same state; and the heap. */
export const coldLoad = async (b: Bench, page: Page) => {
  const runs: number[] = []
  const checkedRuns: number[] = []
  for (let r = 0; r < REPS; r++) runs.push(await reopen(page, 'cold load', checkedRuns))
  // what the app holds with the room open, before the bench's own code (a second Yjs, the floors' docs) joins it
  const heap = await heapMB(page)
  // a reload keeps the DevTools session's throttling: slow the page, reload, and put it back after
  await slowDown(page, SLOW)
  const slowRuns: number[] = []
  const slowCheckedRuns: number[] = []
  for (let r = 0; r < RUNS; r++) slowRuns.push(await reopen(page, `cold load, ${SLOW}× slower CPU`, slowCheckedRuns))
  await slowDown(page, 1)
  await b.addBench(page)
  await page.evaluate(() => (window as any).bench.makeState(0))
  await page.evaluate(() => { (window as any).benchState = (globalThis as any).__hearth.session().encode() })
  const raw: number[] = []
  for (let r = 0; r < REPS; r++) {
    raw.push(await page.evaluate(async () => {
      const b = (window as any).bench
      await b.makeState(0)
      return b.rawDecodeOf((window as any).benchState)
    }))
  }
  await slowDown(page, SLOW)
  const slowRaw: number[] = []
  for (let r = 0; r < RUNS; r++) slowRaw.push(await page.evaluate(() => (window as any).bench.rawDecodeOf((window as any).benchState)))
  await slowDown(page, 1)
  return { runs, raw, slowRuns, slowRaw, checkedRuns, slowCheckedRuns, heap }
}

/**
 * The page's JS heap after garbage collection, RUNS times, once it has settled: what a room just opened still has
 * in flight (the verification cache's and the glance's saves a second later, the relay's answer) comes and goes, and
 * read at once it moved the figure by up to 3 MB between runs.
 */
export const heapMB = async (page: Page) => {
  const cdp = await page.context().newCDPSession(page)
  const read = async () => {
    await cdp.send('HeapProfiler.collectGarbage')
    await cdp.send('HeapProfiler.collectGarbage')
    return (await cdp.send('Runtime.getHeapUsage')).usedSize / 1024 / 1024
  }
  for (let last = await read(), tries = 0; tries < 30; tries++) {
    await page.waitForTimeout(500)
    const now = await read()
    if (Math.abs(now - last) < 0.05) break
    last = now
  }
  const runs: number[] = []
  for (let r = 0; r < RUNS; r++) runs.push(await read())
  return runs
}
