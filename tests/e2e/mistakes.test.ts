import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { createRoom, person, roomIdOf } from './harness.ts'
import { setup, withRoom } from './setup.ts'

const env = setup()

/** The text of the error a field points at with aria-describedby. */
const errorOf = (page: Page, label: string) =>
  page.getByLabel(label, { exact: true }).evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ').trim())

const fillEvent = async (page: Page, f: { start: string; end: string; tz?: string; capacity?: string; plusOnes?: string }) => {
  await page.getByLabel('Title').fill('Repair café')
  await page.getByLabel('Description').fill('Bring what is broken')
  await page.getByLabel('Starts').fill(f.start)
  await page.getByLabel('Ends').fill(f.end)
  await page.getByLabel('Time zone').fill(f.tz ?? 'Europe/Berlin')
  await page.getByLabel('Place', { exact: true }).fill('The library')
  await page.getByLabel('Places (optional)').fill(f.capacity ?? '')
  await page.getByLabel('Guests each person may bring').fill(f.plusOnes ?? '0')
  await page.getByRole('button', { name: 'Send the invitation' }).click()
}

describe('what a person can get wrong', () => {
  it('a malformed address gets a plain message and the way home, never a white screen', async () => {
    const ana = await person(env.browser, env.server.url, 'Ana')
    const errors: string[] = []
    for (const hash of ['#/room/', '#/room/x/i/', `#/room/${'A'.repeat(21)}/i/${'B'.repeat(21)}`, '#/pair/garbage', '#/%E0%A4%A', '#/room/x/new/party']) {
      const page = await ana.context.newPage()
      page.on('pageerror', (e) => errors.push(`${hash}: ${e.message}`))
      await page.goto(`${env.server.url}${hash}`)
      await page.getByRole('alert').first().waitFor({ timeout: 5000 })
      expect((await page.getByRole('alert').first().innerText()).length, hash).toBeGreaterThan(20)
      await page.getByRole('link', { name: /Go to your rooms|All rooms/ }).first().click()
      await page.getByRole('heading', { name: 'Your rooms' }).waitFor()
      await page.close()
    }
    expect(errors).toEqual([])
    await ana.context.close()
  }, 60_000)

  it('a pairing code cut short is refused, and no "Unnamed room" is saved', async () => {
    const ana = await person(env.browser, env.server.url, 'Ana')
    const ben = await person(env.browser, env.server.url, 'Ben')
    await createRoom(ana, 'Allotment crew')
    await ana.page.goto(`${env.server.url}#/room/${await roomIdOf(ana)}/pair`)
    await ana.page.waitForFunction(() => document.querySelector<HTMLTextAreaElement>('#pair-code-text')?.value.includes('#/pair/'), undefined, { timeout: 15_000 })
    const code = await ana.page.getByLabel(/Or copy this code/).inputValue()
    // cut in the room's name, then in its key
    for (const cut of [code.slice(0, -4), code.slice(0, -30)]) {
      await ben.page.goto(`${env.server.url}#/pair`)
      await ben.page.getByLabel('Or paste their code').fill(cut)
      await ben.page.getByRole('button', { name: 'Use this code' }).click()
      await ben.page.getByRole('alert').filter({ hasText: /damaged|cut short/ }).waitFor()
    }
    await ben.page.goto(`${env.server.url}#/`)
    await ben.page.getByText('No rooms yet').waitFor()
    expect(await ben.page.getByText(/Unnamed room/).count()).toBe(0)
    for (const p of [ana, ben]) await p.context.close()
  }, 60_000)

  it('an event in the past, or a proposal that would close in the past, is refused in the form', async () => {
    const ana = await withRoom(env, 'Time travel')
    const room = await roomIdOf(ana)
    await ana.page.goto(`${env.server.url}#/room/${room}/new/event`)
    await fillEvent(ana.page, { start: '2020-03-01T18:00', end: '2020-03-01T20:00' })
    await expect.poll(() => errorOf(ana.page, 'Starts')).toMatch(/in the past/)
    expect(await ana.page.getByLabel('Title').inputValue()).toBe('Repair café')
    await ana.page.goto(`${env.server.url}#/room/${room}/new/proposal`)
    await ana.page.getByLabel('Title').fill('Paint the shed')
    await ana.page.getByLabel('The proposal').fill('Green, this spring')
    await ana.page.getByLabel('Consent closes').fill('2021-01-01T12:00')
    await ana.page.getByRole('button', { name: 'Open the proposal' }).click()
    await expect.poll(() => errorOf(ana.page, 'Consent closes')).toMatch(/in the past/)
    await ana.page.getByRole('link', { name: 'Back to the room' }).click()
    await ana.page.getByText('Nothing here yet').waitFor()
    await ana.context.close()
  }, 60_000)

  it('form errors name what is really wrong: an unknown time zone, numbers out of range', async () => {
    const ana = await withRoom(env, 'Forms')
    const room = await roomIdOf(ana)
    await ana.page.goto(`${env.server.url}#/room/${room}/new/event`)
    await fillEvent(ana.page, { start: '2030-06-01T18:00', end: '2030-06-01T21:00', tz: 'Mars/Olympus_Mons', capacity: '1000000', plusOnes: '50' })
    await expect.poll(() => errorOf(ana.page, 'Time zone')).toMatch(/doesn’t know this time zone/)
    // the times were fine: only the zone is blamed
    expect(await errorOf(ana.page, 'Starts')).toBe('')
    expect(await errorOf(ana.page, 'Ends')).toBe('')
    expect(await errorOf(ana.page, 'Places (optional)')).toBe('At most 100,000 places.')
    expect(await errorOf(ana.page, 'Guests each person may bring')).toBe('At most 20 guests.')
    await fillEvent(ana.page, { start: '2030-06-01T18:00', end: '2030-06-01T21:00', tz: 'Mars/Olympus_Mons', capacity: '12.5' })
    await expect.poll(() => errorOf(ana.page, 'Places (optional)')).toMatch(/A whole number of places/)
    // a zone typed in lower case is still the zone
    await fillEvent(ana.page, { start: '2030-06-01T18:00', end: '2030-06-01T21:00', tz: 'europe/berlin', capacity: '12' })
    await ana.page.getByRole('heading', { name: 'Repair café', level: 1 }).waitFor()
    await ana.page.getByText('(Europe/Berlin)').waitFor()
    await ana.page.goto(`${env.server.url}#/room/${room}/new/project`)
    await ana.page.getByLabel('Title').fill('Seed library')
    await ana.page.getByLabel(/Happens if this many people commit/).fill('999999999')
    await ana.page.getByRole('button', { name: 'Send the invitation' }).click()
    await expect.poll(() => errorOf(ana.page, 'Happens if this many people commit (optional)')).toBe('At most 100,000 people.')
    await ana.context.close()
  }, 60_000)

  it('"Offline" never shows while the relay is reachable, not even for a moment as the room opens', async () => {
    const watch = `(() => {
      window.__seen = []
      new MutationObserver(() => {
        const t = document.querySelector('[aria-label="Connection"]')?.textContent
        if (t && window.__seen.at(-1) !== t) window.__seen.push(t)
      }).observe(document, { subtree: true, childList: true, characterData: true })
    })()`
    const ana = await person(env.browser, env.server.url, 'Ana', watch)
    await createRoom(ana, 'Always on')
    await ana.page.getByText(/^Saved on the relay/).waitFor({ timeout: 20_000 })
    await ana.page.reload()
    await ana.page.getByText(/^Saved on the relay/).waitFor({ timeout: 20_000 })
    const seen: string[] = await ana.page.evaluate(() => (window as unknown as { __seen: string[] }).__seen)
    expect(seen.length).toBeGreaterThan(0)
    expect(seen.filter((t) => /Offline/.test(t))).toEqual([])
    await ana.context.close()
  }, 60_000)
})
