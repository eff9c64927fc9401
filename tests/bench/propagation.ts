/** How long one edit takes to show on another phone: over WebRTC, through the relay, and the raw floors of both. */
import type { Page } from 'playwright-core'
import { createRoom, person, roomLinkOf, type Person } from '../e2e/harness.ts'
import { SAMPLES } from './config.ts'
import { allOnRelay, noWebrtc } from './joins.ts'
import type { Bench } from './setup.ts'

/** where a profile of the receiving page goes (profile-edit.ts) */
export interface EditProfile { write: (profile: unknown) => void }

/** ms for each of SAMPLES invitations Ana makes to show in Ben's model. */
const hearthSamples = async (ana: Person, ben: Person, profile?: EditProfile) => {
  const cdp = profile ? await ben.context.newCDPSession(ben.page) : null
  if (cdp) { await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 100 }); await cdp.send('Profiler.start') }
  await ben.page.evaluate(() => {
    const h = (globalThis as any).__hearth
    const room = h.session().room
    const seen = new Map<string, number>()
    room.onChange((c: { invites: Set<string> }) => c.invites.forEach((id) => { if (!seen.has(id)) seen.set(id, performance.timeOrigin + performance.now()) }))
    ;(window as any).seenAt = (id: string) => seen.get(id) ?? null
  })
  const hearth: number[] = []
  for (let i = 0; i < SAMPLES; i++) {
    const { id, at } = await ana.page.evaluate(async (i) => {
      const h = (globalThis as any).__hearth
      const at = performance.timeOrigin + performance.now()
      const r = await h.commands.invite(h.session().room, 'project', { title: `Sample ${i}`, text: '', skills: [] })
      return { id: r.id, at }
    }, i)
    const seenAt = await (await ben.page.waitForFunction((id) => (window as any).seenAt(id), id, { polling: 1 })).jsonValue()
    hearth.push((seenAt as number) - at)
  }
  if (cdp) profile!.write((await cdp.send('Profiler.stop')).profile)
  return hearth
}

/** ms for each of SAMPLES map entries set in one raw page to show in the other's map. */
const rawSamples = async (pa: Page, pb: Page) => {
  await pa.waitForFunction(() => (window as any).rawProp.peers() > 0, undefined, { timeout: 30_000 })
  await pb.waitForFunction(() => (window as any).rawProp.peers() > 0, undefined, { timeout: 30_000 })
  await pa.waitForTimeout(500)
  const raw: number[] = []
  for (let i = 0; i < SAMPLES; i++) {
    const at = await pa.evaluate((k) => (window as any).rawProp.send(k), `k${i}`)
    const seenAt = await (await pb.waitForFunction((k) => (window as any).rawProp.seenAt(k), `k${i}`, { polling: 1 })).jsonValue()
    raw.push((seenAt as number) - at)
  }
  return raw
}

/** The floor: two raw pages, each made a peer by `join`, timed as rawSamples does. */
const rawPair = async (b: Bench, join: (page: Page) => Promise<unknown>) => {
  const one = await b.browser.newContext()
  const two = await b.browser.newContext()
  const [pa, pb] = [await one.newPage(), await two.newPage()]
  for (const p of [pa, pb]) {
    await p.goto(b.server.url)
    await b.addBench(p)
    await join(p)
  }
  const raw = await rawSamples(pa, pb)
  await one.close()
  await two.close()
  return raw
}

export const propagation = async (b: Bench, profile?: EditProfile) => {
  const ana = await person(b.browser, b.server.url, 'Ana')
  await createRoom(ana, 'Propagation')
  const ben = await person(b.browser, b.server.url, 'Ben')
  await ben.page.goto(await roomLinkOf(ana))
  await ana.page.getByText(/Connected with Ben/).waitFor({ timeout: 30_000 })
  const hearth = await hearthSamples(ana, ben, profile)
  await ana.context.close()
  await ben.context.close()
  const name = `raw-prop-${Date.now()}`
  const raw = await rawPair(b, (p) => p.evaluate(([s, name]) => (window as any).bench.rawPeer(s, name, 'raw-secret'), [b.signaling, name] as const))
  return { hearth, raw }
}

/** As propagation, but WebRTC is blocked for both and the server has no signaling: every edit goes through the relay. */
export const relayPropagation = async (b: Bench, profile?: EditProfile) => {
  const ana = await person(b.browser, b.relayServer.url, 'Ana', noWebrtc)
  await createRoom(ana, 'Relay propagation')
  const ben = await person(b.browser, b.relayServer.url, 'Ben', noWebrtc)
  await ben.page.goto(await roomLinkOf(ana))
  await ana.page.getByText(/Connected with Ben \(via the relay\)/).waitFor({ timeout: 60_000 })
  await allOnRelay(ana)
  await allOnRelay(ben)
  for (const p of [ana, ben]) {
    if (!(await p.page.evaluate(() => { try { new RTCPeerConnection(); return false } catch { return true } }))) throw new Error('WebRTC is not blocked')
  }
  const hearth = await hearthSamples(ana, ben, profile)
  await ana.context.close()
  await ben.context.close()
  const name = `raw-ws-prop-${Date.now()}`
  const raw = await rawPair(b, (p) => p.evaluate(([url, name]) => (window as any).bench.rawWsPeer(url, name), [b.yws.url, name] as const))
  return { hearth, raw }
}
