import { describe, expect, it } from 'vitest'
import { listUnder, makeEvent, openInvitation } from './harness.ts'
import { gather, setup } from './setup.ts'

const env = setup()

describe('answers', () => {
  it('changing only the note on an answer is kept, and reaches the host', async () => {
    const [ana, ben] = await gather(env, 'Notes', 'Ana', 'Ben')
    await makeEvent(ana, 'Street clean-up')
    await openInvitation(ben, 'Street clean-up')
    await ben.page.getByLabel('Note (optional)').fill('I bring bin bags')
    await ben.page.getByRole('button', { name: 'Yes', exact: true }).click()
    await expect.poll(() => listUnder(ana, /^Going/), { timeout: 10_000 }).toContain('I bring bin bags')
    expect(await ben.page.getByRole('button', { name: 'Save note' }).count()).toBe(0)
    await ben.page.getByLabel('Note (optional)').fill('I bring bin bags and gloves')
    await ben.page.getByRole('button', { name: 'Save note' }).click()
    await ben.page.getByText('Saved. Your answer is still: Going.').waitFor()
    await expect.poll(() => listUnder(ana, /^Going/), { timeout: 10_000 }).toContain('I bring bin bags and gloves')
    await ben.page.reload()
    await expect.poll(() => ben.page.getByLabel('Note (optional)').inputValue()).toBe('I bring bin bags and gloves')
    expect(await ben.page.getByRole('button', { name: 'Yes', exact: true }).getAttribute('aria-pressed')).toBe('true')
    for (const p of [ana, ben]) await p.context.close()
  }, 60_000)

  it('with guests, a party too big for the places left is told so, not that the event is full', async () => {
    const [ana, ben, cai] = await gather(env, 'Guests', 'Ana', 'Ben', 'Cai')
    await makeEvent(ana, 'Supper club', { capacity: 3, plusOnes: 1 })
    await openInvitation(ben, 'Supper club')
    await ben.page.getByLabel('Guests you bring (up to 1)').fill('1')
    await ben.page.getByRole('button', { name: 'Yes', exact: true }).click()
    await openInvitation(cai, 'Supper club')
    await expect.poll(() => cai.page.getByText('2 of 3 places taken').count(), { timeout: 10_000 }).toBe(1)
    await cai.page.getByLabel('Guests you bring (up to 1)').fill('1')
    await cai.page.getByRole('button', { name: 'Yes', exact: true }).click()
    await cai.page.getByText(/Only 1 place is left: not enough for you and your guest/).waitFor()
    expect(await cai.page.getByText(/The event is full/).count()).toBe(0)
    await cai.page.getByLabel('Guests you bring (up to 1)').fill('0')
    await cai.page.getByRole('button', { name: 'Save note and guests' }).click()
    for (const p of [ana, cai]) await expect.poll(() => listUnder(p, /^Going/), { timeout: 10_000 }).toContain('Cai')
    expect(await cai.page.getByText(/waitlist/).count()).toBe(0)
    for (const p of [ana, ben, cai]) await p.context.close()
  }, 60_000)
})
