import { describe, expect, it } from 'vitest'
import { a11yProblems, listUnder, makeEvent, openInvitation, startInvitation, type Person } from './harness.ts'
import { gather, setup } from './setup.ts'

const env = setup()

const answer = (p: Person, label: string) => p.page.getByRole('group', { name: /Answer|Stance/ }).getByRole('button', { name: label, exact: true }).click()
const pressed = (p: Person, label: string) => p.page.getByRole('button', { name: label, exact: true }).getAttribute('aria-pressed')

describe('flows between people', () => {
  it('a full event waitlists, and the next person moves up when someone declines', async () => {
    const [ana, ben, cai] = await gather(env, 'Street party', 'Ana', 'Ben', 'Cai')
    await makeEvent(ana, 'Bike repair night', { capacity: 1 })
    expect(await a11yProblems(ana.page)).toEqual([])
    for (const p of [ben, cai]) await openInvitation(p, 'Bike repair night')
    await answer(ben, 'Yes')
    await expect.poll(() => listUnder(cai, /^Going/)).toContain('Ben')
    await answer(cai, 'Yes')
    await expect.poll(() => cai.page.getByText(/number 1 on the waitlist/).count()).toBe(1)
    for (const p of [ana, ben, cai]) await expect.poll(() => listUnder(p, /^Waitlist/), { timeout: 10_000 }).toContain('Cai')
    expect(await a11yProblems(cai.page)).toEqual([])
    await answer(ben, 'No')
    for (const p of [ana, ben, cai]) {
      await expect.poll(() => listUnder(p, /^Going/), { timeout: 10_000 }).toContain('Cai')
      await expect.poll(() => listUnder(p, /^Waitlist/)).toBe('')
      await expect.poll(() => listUnder(p, /^Not going/)).toContain('Ben')
    }
    expect(await pressed(cai, 'Yes')).toBe('true')
    // the event goes into a calendar with a UID that stays the same across edits
    const [download] = await Promise.all([cai.page.waitForEvent('download'), cai.page.getByRole('button', { name: 'Add to calendar' }).click()])
    const ics = await new Promise<string>((ok) => { let s = ''; download.createReadStream().then((r) => { r.on('data', (d) => (s += d)); r.on('end', () => ok(s)) }) })
    expect(download.suggestedFilename()).toBe('Bike repair night.ics')
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/)
    expect(ics).toMatch(/DTSTART:20300601T160000Z/)
    expect(ics).toMatch(/UID:[\w-]{21}@hearth/)
    // the host records who came once the event has begun, and it shows as recognition on the People screen
    expect(await ana.page.getByRole('group', { name: 'Who came?' }).count()).toBe(0)
    for (const p of [ana, ben, cai]) await p.page.clock.setFixedTime(new Date('2030-06-01T19:00:00+02:00'))
    // the app looks at the clock again when it comes back into view
    await ana.page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')))
    await ana.page.getByRole('checkbox', { name: 'Cai' }).check()
    await ana.page.getByRole('button', { name: 'Record who came' }).click()
    await cai.page.getByRole('link', { name: 'Back to the room' }).click()
    await cai.page.getByRole('link', { name: 'People', exact: true }).click()
    await expect.poll(() => cai.page.getByText(/Showed up for:.*Bike repair night/).count(), { timeout: 10_000 }).toBe(1)
    for (const p of [ana, ben, cai]) await p.context.close()
  }, 120_000)

  it('a block is seen by everyone, and the host closes with an outcome', async () => {
    const [ana, ben] = await gather(env, 'Assembly', 'Ana', 'Ben')
    await startInvitation(ana, 'Propose')
    await ana.page.getByLabel('Title').fill('Move meetings to Sunday')
    await ana.page.getByRole('button', { name: 'Open the proposal' }).click()
    // an error says what is wrong next to the field, and keeps what was typed
    await ana.page.getByText('Please give a closing date and time.').waitFor()
    expect(await ana.page.getByLabel('Title').inputValue()).toBe('Move meetings to Sunday')
    await ana.page.getByLabel('The proposal').fill('From next month we meet on Sundays at 4.')
    await ana.page.getByLabel('Consent closes').fill('2030-01-10T18:00')
    await ana.page.getByRole('button', { name: 'Open the proposal' }).click()
    await ana.page.getByRole('heading', { name: 'Move meetings to Sunday' }).waitFor()
    await openInvitation(ben, 'Move meetings to Sunday')
    await answer(ben, 'Block')
    await expect.poll(() => ben.page.getByRole('alert').filter({ hasText: /reason/ }).count()).toBe(1)
    await ben.page.getByLabel('Reason (needed to object or block)').fill('Sunday is the only day I see my kids')
    await answer(ben, 'Block')
    for (const p of [ana, ben]) {
      await expect.poll(() => p.page.getByText(/Blocked: one person blocks/).count(), { timeout: 10_000 }).toBe(1)
      await expect.poll(() => p.page.getByText(/Ben blocks: Sunday is the only day I see my kids/).count()).toBe(1)
    }
    expect(await a11yProblems(ana.page)).toEqual([])
    await ana.page.getByLabel('Outcome statement').fill('Not adopted. We look for another evening together.')
    await ana.page.getByRole('button', { name: 'Close and record the outcome' }).click()
    for (const p of [ana, ben]) {
      await expect.poll(() => p.page.getByText('Not adopted. We look for another evening together.').count(), { timeout: 10_000 }).toBeGreaterThan(0)
      await expect.poll(() => p.page.getByText('closed', { exact: true }).count()).toBe(1)
    }
    expect(await ben.page.getByRole('button', { name: 'Close and record the outcome' }).count()).toBe(0)
    for (const p of [ana, ben]) await p.context.close()
  }, 120_000)

  it('co-hosting: B accepts and edits, A steps down, and a guest’s edit is refused', async () => {
    const [ana, ben, cai] = await gather(env, 'Garden', 'Ana', 'Ben', 'Cai')
    await makeEvent(ana, 'Planting day')
    await ana.page.getByLabel('Invite a co-host').selectOption({ label: 'Ben' })
    await ana.page.getByRole('button', { name: 'Invite as co-host' }).click()
    await openInvitation(ben, 'Planting day')
    await ben.page.getByRole('button', { name: 'Accept co-hosting' }).click()
    await ben.page.getByRole('heading', { name: 'You host this' }).waitFor()
    await ben.page.getByRole('link', { name: 'Edit' }).click()
    await ben.page.getByLabel('Title').fill('Planting day, bring gloves')
    await ben.page.getByRole('button', { name: 'Save changes' }).click()
    await ana.page.getByRole('heading', { name: 'Planting day, bring gloves', level: 1 }).waitFor({ timeout: 10_000 })
    expect(await ana.page.getByRole('list', { name: 'Hosts' }).innerText()).toMatch(/Ben\s*co-host/)
    ana.page.once('dialog', (d) => void d.accept())
    await ana.page.getByRole('button', { name: 'Step down' }).click()
    await expect.poll(() => ben.page.getByRole('list', { name: 'Hosts' }).innerText(), { timeout: 10_000 }).not.toContain('Ana')
    expect(await ana.page.getByRole('heading', { name: 'You host this' }).count()).toBe(0)
    // a guest who finds the edit page is refused, and nothing changes
    await openInvitation(cai, 'Planting day, bring gloves')
    expect(await cai.page.getByRole('link', { name: 'Edit' }).count()).toBe(0)
    await cai.page.goto(`${cai.page.url()}/edit`)
    await cai.page.getByLabel('Title').fill('Hijacked')
    await cai.page.getByRole('button', { name: 'Save changes' }).click()
    await cai.page.getByText('Only a host can change this invitation.').waitFor()
    await ben.page.waitForTimeout(1000)
    expect(await ben.page.getByRole('heading', { name: 'Planting day, bring gloves', level: 1 }).count()).toBe(1)
    for (const p of [ana, ben, cai]) await p.context.close()
  }, 120_000)
})
