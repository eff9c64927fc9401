import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { blockWebrtc, createRoom, feedCount, joinByLink, launch, makeProject, person, roomLinkOf, startServer, type Person } from './harness.ts'

let browser: Browser
beforeAll(async () => { browser = await launch() })
afterAll(async () => { await browser?.close() })

/** A member with the key writes into their own document what no signed record is: another root type, a nested type. */
const smuggle = (p: Person) => p.page.evaluate(() => {
  const doc = (globalThis as any).__hearth.session().room.ledger.doc
  const records = doc.getMap('records')
  const YMap = records.constructor
  doc.getMap('evil').set('payload', 'x'.repeat(1000))
  records.set('nested', new YMap())
  doc.getText('notes').insert(0, 'unsigned text')
})

const roots = (p: Person) => p.page.evaluate(() => {
  const doc = (globalThis as any).__hearth.session().room.ledger.doc
  return { roots: [...doc.share.keys()].sort(), nested: doc.getMap('records').has('nested') }
})

const attack = async (serverEnv: Record<string, string>, init?: string) => {
  const server = await startServer(0, undefined, serverEnv)
  try {
    const ana = await person(browser, server.url, 'Ana', init)
    const mal = await person(browser, server.url, 'Mallory', init)
    await createRoom(ana, 'Commons')
    await joinByLink(mal, await roomLinkOf(ana))
    await ana.page.getByText(/Connected with .*Mallory/).waitFor({ timeout: 20_000 })
    await smuggle(mal)
    await makeProject(mal, 'A real project')
    await expect.poll(() => feedCount(ana, /A real project/), { timeout: 15_000 }).toBe(1)
    expect(await roots(ana)).toEqual({ roots: ['records'], nested: false })
    // and a newcomer who meets only Ana gets nothing of it either
    const cai = await person(browser, server.url, 'Cai', init)
    await joinByLink(cai, await roomLinkOf(ana))
    await expect.poll(() => feedCount(cai, /A real project/), { timeout: 15_000 }).toBe(1)
    expect(await roots(cai)).toEqual({ roots: ['records'], nested: false })
    for (const p of [ana, mal, cai]) await p.context.close()
  } finally {
    await server.stop()
  }
}

describe('content outside signed records', () => {
  it('is refused from a WebRTC peer and never passed on', () => attack({ RELAY: 'off' }), 90_000)
  it('is refused from the relay and never passed on', () => attack({ SIGNAL: 'off' }, blockWebrtc), 90_000)
})
