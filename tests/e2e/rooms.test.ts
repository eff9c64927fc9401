import { describe, expect, it } from 'vitest'
import { createRoom, feedCount, joinByLink, makeProject, openRoomFromHome, person, roomIdOf, roomLinkOf, startInvitation, storedRows } from './harness.ts'
import { setup, withRoom } from './setup.ts'

const env = setup()

describe('room links', () => {
  it('a peer with the room id but the wrong key never connects and sees nothing', async () => {
    const ana = await person(env.browser, env.server.url, 'Ana')
    const ben = await person(env.browser, env.server.url, 'Ben')
    const eve = await person(env.browser, env.server.url, 'Eve')
    await createRoom(ana, 'Kitchen')
    await makeProject(ana, 'Soup night')
    const link = await roomLinkOf(ana)
    await joinByLink(ben, link)
    await expect.poll(() => feedCount(ben, /Soup night/), { timeout: 15_000 }).toBe(1)
    const wrong = link.replace(/k=[^&]+/, `k=${'x'.repeat(32)}`)
    await joinByLink(eve, wrong)
    // the room's id comes from its key, so a wrong key is caught at once, before anything connects
    await eve.page.getByText(/key in this link does not belong to its room/).waitFor()
    await eve.page.waitForTimeout(3000)
    expect(await feedCount(eve, /Soup night/)).toBe(0)
    expect(await eve.page.getByText(/Connected with/).count()).toBe(0)
    expect(await ana.page.getByText(/Connected with Ben/).count()).toBe(1)
    expect(await ana.page.getByText(/\bEve\b/).count()).toBe(0)
    for (const p of [ana, ben, eve]) await p.context.close()
  }, 60_000)

  it('keeps room keys sealed at rest: localStorage alone holds no key, and the room still opens after a reload', async () => {
    const ana = await withRoom(env, 'Sealed')
    await makeProject(ana, 'Behind glass')
    const secret = new URL(await roomLinkOf(ana)).hash.split('k=')[1].split('&')[0]
    await expect.poll(() => ana.page.evaluate(() => localStorage.getItem('hearth-rooms') ?? '')).toContain('sealed')
    const everything = await ana.page.evaluate(() => Object.keys(localStorage).map((k) => `${k}=${localStorage.getItem(k)}`).join('\n'))
    expect(everything).not.toContain(secret)
    await ana.page.reload()
    await ana.page.getByRole('heading', { name: 'Sealed' }).waitFor()
    await expect.poll(() => feedCount(ana, /Behind glass/)).toBe(1)
    expect(await roomLinkOf(ana)).toContain(secret)
    await ana.context.close()
  }, 30_000)

  it('a damaged or cut-short link gets a clear message, not a blank page', async () => {
    const ana = await person(env.browser, env.server.url, 'Ana')
    await ana.page.goto(`${env.server.url}#/r/tooShort?k=abc`)
    await expect.poll(() => ana.page.getByRole('alert').filter({ hasText: /damaged or cut short/ }).count()).toBe(1)
    await ana.page.getByLabel('Room link').fill('https://example.org/#/r/AAAAAAAAAAAAAAAAAAAAA')
    await ana.page.getByRole('button', { name: 'Join' }).click()
    await expect.poll(() => ana.page.getByText(/has no room key/).count()).toBe(1)
    await ana.page.getByLabel('Room link').fill('hello there')
    await ana.page.getByRole('button', { name: 'Join' }).click()
    await expect.poll(() => ana.page.getByText(/not a Hearth room link/).count()).toBe(1)
    await ana.context.close()
  }, 30_000)
})

describe('on this device', () => {
  it('keeps everything across a reload, even a change made right before the page closed', async () => {
    const ana = await withRoom(env, 'Notebook')
    await makeProject(ana, 'First idea')
    await startInvitation(ana, 'Invite people to a project')
    await ana.page.getByLabel('Title').fill('Last-second idea')
    await ana.page.getByRole('button', { name: 'Send the invitation' }).click()
    await ana.page.waitForURL(/\/i\//)
    await ana.page.close()
    const page = await ana.context.newPage()
    await page.goto(env.server.url)
    const again = { context: ana.context, page }
    await openRoomFromHome(again, 'Notebook')
    await expect.poll(() => feedCount(again, /First idea/)).toBe(1)
    await expect.poll(() => feedCount(again, /Last-second idea/)).toBe(1)
    await ana.context.close()
  }, 30_000)

  it('does not grow its store each time the room is opened', async () => {
    const ana = await withRoom(env, 'Often opened')
    await makeProject(ana, 'Something')
    const id = await roomIdOf(ana)
    const rows: number[] = []
    for (let i = 0; i < 30; i++) {
      await ana.page.reload()
      await ana.page.getByRole('link', { name: /Something/ }).waitFor()
      rows.push(await storedRows(ana, id))
    }
    console.log(rows.join(" "))
    expect(Math.max(...rows.slice(-5))).toBeLessThanOrEqual(25)
    await ana.context.close()
  }, 120_000)

  it('leaves a room after a confirmation and deletes its data here', async () => {
    const ana = await withRoom(env, 'Short-lived')
    await makeProject(ana, 'Gone soon')
    const link = await roomLinkOf(ana)
    let asked = ''
    ana.page.once('dialog', (d) => { asked = d.message(); void d.accept() })
    await ana.page.getByRole('button', { name: 'Leave room' }).click()
    await ana.page.getByRole('heading', { name: 'Your rooms' }).waitFor()
    expect(asked).toMatch(/deleted from this device/)
    expect(await ana.page.getByRole('link', { name: /Short-lived/ }).count()).toBe(0)
    // this device's copy is gone; the room itself lives on with the others and, sealed, on the relay
    const id = new URL(link).hash.split('/')[2].split('?')[0]
    await expect.poll(() => ana.page.evaluate(async (id) => (await indexedDB.databases()).some((d) => d.name === `hearth-room-${id}`), id)).toBe(false)
    await joinByLink(ana, link)
    await ana.page.getByRole('heading', { name: 'Short-lived' }).waitFor()
    await expect.poll(() => feedCount(ana, /Gone soon/), { timeout: 15_000 }).toBe(1)
    await ana.context.close()
  }, 30_000)
})
