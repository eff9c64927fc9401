import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  blockWebrtc, createRoom, feedCount, joinByLink, launch, listUnder, makeEvent, makeProject, openInvitation, openRoomFromHome,
  person, returningPerson, roomLinkOf, savedOnRelay, startInvitation, startServer, type Person, type Server, withServer,
} from './harness.ts'
import { startRedis } from './redis.ts'
import type { Browser } from 'playwright-core'

let browser: Browser
beforeAll(async () => { browser = await launch() })
afterAll(async () => { await browser?.close() })

const profile = () => mkdtempSync(join(tmpdir(), 'hearth-phone-'))
const backToRoom = (p: Person) => p.page.getByRole('link', { name: 'Back to the room' }).click()
const answer = (p: Person, label: string) => p.page.getByRole('group', { name: /Answer|Stance/ }).getByRole('button', { name: label, exact: true }).click()
const onOrigin = (link: string, server: Server) => `${server.url.replace(/\/$/, '')}/${new URL(link).hash}`

/** Ana hosts an event and leaves; Ben opens the link later, answers and leaves; Ana comes back to his answer. */
const neverTogether = async (server: () => Server, between: () => Promise<void>) => {
  const anaPhone = profile()
  let ana = await returningPerson(anaPhone, server().url, 'Ana')
  await createRoom(ana, 'Allotment')
  const link = await roomLinkOf(ana)
  await makeEvent(ana, 'Seed swap')
  await backToRoom(ana)
  await savedOnRelay(ana)
  await ana.context.close()
  await between()

  const ben = await person(browser, server().url, 'Ben')
  await joinByLink(ben, link)
  await ben.page.getByRole('heading', { name: 'Allotment' }).waitFor()
  await openInvitation(ben, 'Seed swap')
  await expect.poll(() => ben.page.getByRole('list', { name: 'Hosts' }).innerText()).toContain('Ana')
  await answer(ben, 'Yes')
  await backToRoom(ben)
  await savedOnRelay(ben)
  await ben.context.close()
  await between()

  ana = await returningPerson(anaPhone, server().url)
  await openRoomFromHome(ana, 'Allotment')
  await openInvitation(ana, 'Seed swap')
  await expect.poll(() => listUnder(ana, /^Going/), { timeout: 20_000 }).toContain('Ben')
  await ana.context.close()
}

describe('a room reaches people who are never online together', () => {
  it('through the relay alone: no signaling, so no WebRTC at all', async () => {
    await withServer({ SIGNAL: 'off' }, async (server) => {
      await neverTogether(() => server, async () => {})
    })
  }, 120_000)

  it('with the server killed (SIGKILL) and restarted between each person: nothing acknowledged is lost', async () => {
    let server = await startServer(0, undefined, { SIGNAL: 'off' })
    const port = new URL(server.url).port
    const data = server.data
    try {
      await neverTogether(() => server, async () => {
        await server.kill()
        server = await startServer(Number(port), undefined, { SIGNAL: 'off', HEARTH_DATA: data })
      })
    } finally {
      await server.stop()
    }
  }, 150_000)
})

describe('when WebRTC cannot connect', () => {
  it('two people still see each other’s changes live, through the relay', async () => {
    await withServer({}, async (server) => {
      const ana = await person(browser, server.url, 'Ana', blockWebrtc)
      const ben = await person(browser, server.url, 'Ben', blockWebrtc)
      for (const p of [ana, ben]) expect(await p.page.evaluate(() => { try { new RTCPeerConnection(); return 'works' } catch { return 'blocked' } })).toBe('blocked')
      await createRoom(ana, 'Kitchen')
      await joinByLink(ben, await roomLinkOf(ana))
      await ben.page.getByRole('heading', { name: 'Kitchen' }).waitFor()
      await ana.page.getByText(/Connected with Ben \(via the relay\)/).waitFor({ timeout: 20_000 })
      await makeProject(ana, 'Compost rota')
      await expect.poll(() => feedCount(ben, /Compost rota/), { timeout: 10_000 }).toBe(1)
      await makeProject(ben, 'Fix the tap')
      await expect.poll(() => feedCount(ana, /Fix the tap/), { timeout: 10_000 }).toBe(1)
      await ana.context.close()
      await ben.context.close()
    })
  }, 90_000)
})

describe('keys', () => {
  it('a link with a changed key says so, and the right link still opens the room', async () => {
    await withServer({}, async (server) => {
      const ana = await person(browser, server.url, 'Ana')
      await createRoom(ana, 'Porch')
      const link = await roomLinkOf(ana)
      const key = new URL(link).hash.split('k=')[1].split('&')[0]
      const wrong = link.replace(key, key.slice(0, -1) + (key.endsWith('a') ? 'b' : 'a'))
      const ben = await person(browser, server.url, 'Ben')
      await joinByLink(ben, wrong)
      await ben.page.getByText(/key in this link does not belong to its room/).waitFor()
      await joinByLink(ben, link)
      await ben.page.getByRole('heading', { name: 'Porch' }).waitFor()
      await ana.context.close()
      await ben.context.close()
    })
  }, 60_000)
})

const MARKERS = ['Zephyrine', 'Quillonby', 'Marker-title-7781', 'Marker-text-7781', 'Marker-place-7781', 'Marker-note-7781', 'Marker-comment-7781', 'Marker-about-7781']

/** Ana and Ben write a room full of marker strings and wait until the relay holds all of it. */
const writeMarkers = async (urlA: string, urlB: string) => {
  const ana = await person(browser, urlA, MARKERS[0], blockWebrtc)
  await createRoom(ana, 'Quiet room')
  const link = await roomLinkOf(ana)
  await startInvitation(ana, 'Host an event')
  await ana.page.getByLabel('Title').fill(MARKERS[2])
  await ana.page.getByLabel('Description').fill(MARKERS[3])
  await ana.page.getByLabel('Starts').fill('2030-06-01T18:00')
  await ana.page.getByLabel('Ends').fill('2030-06-01T21:00')
  await ana.page.getByLabel('Time zone').fill('Europe/Berlin')
  await ana.page.getByLabel('Place', { exact: true }).fill(MARKERS[4])
  await ana.page.getByRole('button', { name: 'Send the invitation' }).click()
  await ana.page.getByRole('heading', { name: MARKERS[2] }).waitFor()
  const ben = await person(browser, urlB, MARKERS[1], blockWebrtc)
  await joinByLink(ben, `${urlB.replace(/\/$/, '')}/${new URL(link).hash}`)
  await openInvitation(ben, MARKERS[2])
  await ben.page.getByLabel(/note/i).first().fill(MARKERS[5])
  await answer(ben, 'Yes')
  await ben.page.getByLabel('Write a comment').fill(MARKERS[6])
  await ben.page.getByRole('button', { name: 'Post comment' }).click()
  await expect.poll(() => listUnder(ana, /^Going/), { timeout: 20_000 }).toContain(MARKERS[1])
  await ana.page.getByText(MARKERS[6]).waitFor({ timeout: 20_000 })
  for (const p of [ana, ben]) await backToRoom(p)
  await ana.page.getByRole('button', { name: 'Rename or describe' }).click()
  await ana.page.getByLabel('Description').fill(MARKERS[7])
  await ana.page.getByRole('button', { name: 'Save' }).click()
  await ben.page.getByText(MARKERS[7]).waitFor({ timeout: 20_000 })
  for (const p of [ana, ben]) await savedOnRelay(p)
  return { ana, ben, link }
}

const filesUnder = (dir: string): string[] => readdirSync(dir).flatMap((f) => {
  const path = join(dir, f)
  return statSync(path).isDirectory() ? filesUnder(path) : [path]
})

describe('the relay sees no plaintext', () => {
  it('not in its data directory, nor in its log', async () => {
    await withServer({}, async (server) => {
      const { ana, ben } = await writeMarkers(server.url, server.url)
      await ana.context.close()
      await ben.context.close()
      const files = filesUnder(server.data)
      expect(files.length).toBeGreaterThan(0)
      const stored = files.map((f) => readFileSync(f))
      expect(stored.reduce((n, b) => n + b.length, 0)).toBeGreaterThan(1000)
      for (const m of MARKERS) {
        for (const b of stored) expect(b.includes(m)).toBe(false)
        expect(server.output()).not.toContain(m)
      }
    })
  }, 90_000)
})

describe('several instances with one Redis', () => {
  it('sync people on different instances live, and keep what one wrote after it is killed; Redis holds no plaintext', async () => {
    const redis = await startRedis()
    const one = await startServer(0, undefined, { REDIS_URL: redis.url })
    const two = await startServer(0, undefined, { REDIS_URL: redis.url })
    try {
      const { ana, ben, link } = await writeMarkers(one.url, two.url)
      // live both ways across instances, with WebRTC blocked
      await makeProject(ana, 'Through instance one')
      await expect.poll(() => feedCount(ben, /Through instance one/), { timeout: 10_000 }).toBe(1)
      await makeProject(ben, 'Through instance two')
      await expect.poll(() => feedCount(ana, /Through instance two/), { timeout: 10_000 }).toBe(1)
      await savedOnRelay(ana)
      await one.kill()
      const cai = await person(browser, two.url, 'Cai')
      await joinByLink(cai, onOrigin(link, two))
      await expect.poll(() => feedCount(cai, /Through instance one/), { timeout: 20_000 }).toBe(1)
      await expect.poll(() => feedCount(cai, new RegExp(MARKERS[2])), { timeout: 20_000 }).toBe(1)
      for (const p of [ana, ben, cai]) await p.context.close()

      const r = new Redis(redis.url)
      const keys = await r.keys('*')
      expect(keys.length).toBeGreaterThan(0)
      const dump: Buffer[] = []
      for (const k of keys) {
        const type = await r.type(k)
        if (type === 'string') dump.push((await r.getBuffer(k))!)
        else if (type === 'stream') for (const [, fields] of await r.xrangeBuffer(k, '-', '+')) dump.push(...fields)
        else if (type === 'hash') dump.push(...Object.values(await r.hgetallBuffer(k)))
        else if (type === 'list') dump.push(...(await r.lrangeBuffer(k, 0, -1)))
        dump.push(Buffer.from(k))
      }
      r.disconnect()
      for (const m of MARKERS) {
        for (const b of dump) expect(b.includes(m)).toBe(false)
        expect(one.output() + two.output()).not.toContain(m)
      }
    } finally {
      await one.stop()
      await two.stop()
      await redis.stop()
    }
  }, 150_000)
})
