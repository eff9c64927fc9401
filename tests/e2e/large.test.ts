import { describe, expect, it } from 'vitest'
import { joinByLink, person, roomLinkOf, seed } from './harness.ts'
import { setup, withRoom } from './setup.ts'

const env = setup()

describe('a large room', () => {
  it('brings a new peer all 10,000 invitations', async () => {
    const ana = await withRoom(env, 'Big room')
    await seed(ana, 10_000)
    await ana.page.getByText('10,000 invitations').waitFor()
    const link = await roomLinkOf(ana)
    const ben = await person(env.browser, env.server.url, 'Ben')
    const started = Date.now()
    await joinByLink(ben, link)
    await ben.page.getByText('10,000 invitations').waitFor({ timeout: 60_000 })
    console.log(`10,000 invitations reached a new peer in ${Date.now() - started} ms (including page load)`)
    expect(await ben.page.getByRole('link', { name: /Gathering \d+/ }).first().isVisible()).toBe(true)
    // the list stays small in the page: a virtual list, not 10,000 nodes
    expect(await ben.page.locator('.feed-row').count()).toBeLessThan(60)
  }, 120_000)
})
