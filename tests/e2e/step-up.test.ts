import { describe, expect, it } from 'vitest'
import { openInvitation, startInvitation, type Person } from './harness.ts'
import { gather, setup } from './setup.ts'

const env = setup()

const need = (p: Person, what: string) => p.page.getByRole('listitem', { name: what })
const claimersOf = async (p: Person, what: string) => (await need(p, what).locator('ul.claims > li > span').allInnerTexts()).join(', ')
const card = (p: Person, name: string) => p.page.locator('li.card.person').filter({ has: p.page.getByRole('heading', { name: new RegExp(`^${name}`) }) })

describe('step up, make space', () => {
  it('Ana lists two needs; Ben and Cai step up; Cai hands his back and Dan steps up; everyone sees the same, live; the track records show it', async () => {
    const people = await gather(env, 'Workshop', 'Ana', 'Ben', 'Cai', 'Dan')
    const [ana, ben, cai, dan] = people
    await startInvitation(ana, 'Host an event')
    await ana.page.getByLabel('Title').fill('Skill share')
    await ana.page.getByLabel('Description').fill('Teach each other')
    await ana.page.getByLabel('Starts').fill('2030-06-01T18:00')
    await ana.page.getByLabel('Ends').fill('2030-06-01T21:00')
    await ana.page.getByLabel('Time zone').fill('Europe/Berlin')
    await ana.page.getByLabel('Place', { exact: true }).fill('The library')
    await ana.page.getByRole('button', { name: 'Add a need' }).click()
    await ana.page.getByRole('button', { name: 'Add a need' }).click()
    await ana.page.getByRole('textbox', { name: 'Need 1' }).fill('Take notes')
    await ana.page.getByRole('textbox', { name: 'Need 2' }).fill('Bring tea')
    await ana.page.getByRole('spinbutton', { name: 'How many' }).nth(1).fill('1')
    await ana.page.getByRole('button', { name: 'Send the invitation' }).click()
    await ana.page.getByRole('heading', { name: 'Skill share', level: 1 }).waitFor().catch(async (e) => {
      await ana.page.screenshot({ path: '/tmp/step-up-fail.png', fullPage: true })
      throw e
    })
    for (const p of [ben, cai, dan]) await openInvitation(p, 'Skill share')

    await ben.page.getByRole('button', { name: 'Step up for Take notes' }).click()
    await cai.page.getByRole('button', { name: 'Step up for Bring tea' }).click()
    for (const p of people) {
      await expect.poll(() => claimersOf(p, 'Take notes'), { timeout: 15_000 }).toBe('Ben')
      await expect.poll(() => claimersOf(p, 'Bring tea'), { timeout: 15_000 }).toBe('Cai')
    }
    // filled: nobody else is offered "Step up" for it
    expect(await dan.page.getByRole('button', { name: 'Step up for Bring tea' }).count()).toBe(0)

    await cai.page.getByRole('button', { name: 'Hand back Bring tea' }).click()
    await dan.page.getByRole('button', { name: 'Step up for Bring tea' }).click()
    for (const p of people) {
      await expect.poll(() => claimersOf(p, 'Bring tea'), { timeout: 15_000 }).toBe('Dan')
      expect(await claimersOf(p, 'Take notes')).toBe('Ben')
    }
    await ana.page.screenshot({ path: '/tmp/step-up-needs.png', fullPage: true })

    // the track records show who stepped up; Ana, the only host, is invited to make space
    for (const p of people) {
      await p.page.getByRole('link', { name: 'Back to the room' }).click()
      await p.page.getByRole('link', { name: 'People' }).click()
      await p.page.getByRole('heading', { name: 'Make space' }).waitFor()
      await expect.poll(() => card(p, 'Ben').innerText()).toContain('Stepped up for needs in: Skill share')
      await expect.poll(() => card(p, 'Dan').innerText()).toContain('Stepped up for needs in: Skill share')
      expect(await card(p, 'Cai').innerText()).not.toContain('Stepped up for needs in')
      const space = await p.page.locator('section.make-space').innerText()
      expect(space).toContain('One person hosted or co-hosted the one invitation.')
      expect(space).toMatch(/Stepped up for needs and have not hosted yet: (Ben, Dan|Dan, Ben)\. Perhaps invite them to co-host\?/)
    }
    await ana.page.screenshot({ path: '/tmp/step-up-people.png', fullPage: true })
    for (const p of people) await p.context.close()
  }, 180_000)
})
