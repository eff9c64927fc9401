import { describe, expect, it } from 'vitest'
import { listUnder, makeEvent, openInvitation, savedOnRelay, type Person } from './harness.ts'
import { gather, setup, withRoom } from './setup.ts'

const env = setup()

const invitationLinkOf = async (p: Person) => {
  const share = p.page.getByRole('button', { name: 'Share', exact: true })
  if ((await share.getAttribute('aria-expanded')) !== 'true') await share.click()
  await p.page.getByRole('img', { name: 'QR code for this invitation' }).locator('svg').waitFor()
  return p.page.getByLabel('Invitation link').inputValue()
}

describe('invitation links', () => {
  it('an invitation’s own link opens straight on it for a member, with the key out of view', async () => {
    const [ana, ben] = await gather(env, 'Linked', 'Ana', 'Ben')
    await makeEvent(ana, 'Bike ride')
    const link = await invitationLinkOf(ana)
    expect(link).toMatch(/#\/r\/[\w-]{21}\?k=[\w-]+.*&i=[\w-]{21}$/)
    await ben.page.goto(link)
    await ben.page.getByRole('heading', { name: 'Bike ride', level: 1 }).waitFor()
    expect(new URL(ben.page.url()).hash).toMatch(/^#\/room\/[\w-]{21}\/i\/[\w-]{21}$/)
    await ben.page.getByRole('button', { name: 'Yes', exact: true }).click()
    await expect.poll(() => listUnder(ana, /^Going/), { timeout: 10_000 }).toContain('Ben')
    for (const p of [ana, ben]) await p.context.close()
  }, 60_000)

  it('a newcomer joins the room first, then lands on the invitation once it has synced', async () => {
    const ana = await withRoom(env, 'Soup crew')
    await makeEvent(ana, 'Soup kitchen')
    const link = await invitationLinkOf(ana)
    await ana.page.getByRole('link', { name: 'Back to the room' }).click()
    await savedOnRelay(ana)
    // Cai has never opened Hearth: the link is the first thing they see
    const context = await env.browser.newContext({ viewport: { width: 390, height: 844 } })
    const page = await context.newPage()
    await page.goto(link)
    await page.getByLabel('Your name').fill('Cai')
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('heading', { name: 'Soup kitchen', level: 1 }).waitFor({ timeout: 20_000 })
    await page.getByRole('button', { name: 'Yes', exact: true }).click()
    await openInvitation(ana, 'Soup kitchen')
    await expect.poll(() => listUnder(ana, /^Going/), { timeout: 15_000 }).toContain('Cai')
    // and the room is Cai's now, like any room joined by its link
    await page.getByRole('link', { name: 'Back to the room' }).click()
    await page.getByRole('heading', { name: 'Soup crew' }).waitFor()
    await context.close()
    await ana.context.close()
  }, 60_000)

  it('a link to an invitation that never reaches this phone says so, and leads to the room', async () => {
    const ana = await withRoom(env, 'Quiet')
    const room = new URL(ana.page.url()).hash.split('/')[2]
    await ana.page.goto(`${env.server.url}#/room/${room}/i/${'Z'.repeat(21)}`)
    await ana.page.getByText(/Looking for this invitation/).waitFor()
    await ana.page.getByText(/isn’t on this device yet/).waitFor({ timeout: 15_000 })
    await ana.page.getByRole('link', { name: 'Go to the room' }).click()
    await ana.page.getByRole('heading', { name: 'Quiet' }).waitFor()
    await ana.context.close()
  }, 60_000)
})
