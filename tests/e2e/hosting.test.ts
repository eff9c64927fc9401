import { describe, expect, it } from 'vitest'
import { makeEvent, openInvitation, type Person } from './harness.ts'
import { gather, setup } from './setup.ts'

const env = setup()

const hosts = (p: Person) => p.page.getByRole('list', { name: 'Hosts' }).innerText()
const backToRoom = (p: Person) => p.page.getByRole('link', { name: 'Back to the room' }).click()

/** Answers the next confirm() with `accept`, and returns what it asked. */
const nextDialog = (p: Person, accept: boolean) =>
  new Promise<string>((ok) => p.page.once('dialog', (d) => { ok(d.message()); void (accept ? d.accept() : d.dismiss()) }))

describe('hosting, day to day', () => {
  it('stepping down asks first; host-tool messages go once they are out of date; after a handover the new host is the host', async () => {
    const [ana, ben, cai] = await gather(env, 'Tool shed', 'Ana', 'Ben', 'Cai')
    await makeEvent(ana, 'Sharpening day')
    await ana.page.getByLabel('Invite a co-host').selectOption({ label: 'Ben' })
    await ana.page.getByRole('button', { name: 'Invite as co-host' }).click()
    await ana.page.getByText(/Ben is invited to co-host/).waitFor()
    await openInvitation(ben, 'Sharpening day')
    await ben.page.getByRole('button', { name: 'Accept co-hosting' }).click()
    // Ben accepted: "invited to co-host" is no longer true, so it is no longer said
    await expect.poll(() => ana.page.getByText(/Ben is invited to co-host/).count(), { timeout: 10_000 }).toBe(0)
    await expect.poll(() => hosts(ana)).toMatch(/Ben\s*co-host/)
    // stepping down asks first; saying no changes nothing
    let asked = nextDialog(ana, false)
    await ana.page.getByRole('button', { name: 'Step down' }).click()
    expect(await asked).toMatch(/Step down/)
    await ana.page.waitForTimeout(500)
    expect(await hosts(ben)).toContain('Ana')
    asked = nextDialog(ana, true)
    await ana.page.getByRole('button', { name: 'Step down' }).click()
    await asked
    await ana.page.getByText('You stepped down. Thank you for hosting.').waitFor()
    await expect.poll(() => hosts(ben), { timeout: 10_000 }).not.toContain('Ana')
    // Ben, now the only host, is the host, not a co-host of nobody
    expect(await hosts(ben)).toMatch(/Ben\s*host/)
    expect(await hosts(ben)).not.toMatch(/co-host/)
    // a handover: Ben hands over to Cai, who becomes the host
    asked = nextDialog(ben, true)
    await ben.page.getByLabel('Hand over and step down').selectOption({ label: 'Cai' })
    await ben.page.getByRole('button', { name: 'Hand over' }).click()
    expect(await asked).toMatch(/Hand this over to Cai/)
    await openInvitation(cai, 'Sharpening day')
    await cai.page.getByRole('button', { name: 'Accept co-hosting' }).click()
    for (const p of [ana, ben, cai]) await expect.poll(() => hosts(p), { timeout: 10_000 }).toMatch(/^Cai\s*host$/)
    for (const p of [ana, ben, cai]) await p.context.close()
  }, 120_000)

  it('a message from one invitation never shows on another', async () => {
    const [ana] = await gather(env, 'Two things', 'Ana', 'Ben')
    await makeEvent(ana, 'Second thing')
    const second = ana.page.url()
    await backToRoom(ana)
    await makeEvent(ana, 'First thing')
    await ana.page.getByLabel('Invite a co-host').selectOption({ label: 'Ben' })
    await ana.page.getByRole('button', { name: 'Invite as co-host' }).click()
    await ana.page.getByText(/Ben is invited to co-host/).waitFor()
    // straight from one invitation to the other, as a link or the back button does
    await ana.page.goto(second)
    await ana.page.getByRole('heading', { name: 'Second thing', level: 1 }).waitFor()
    await ana.page.getByRole('heading', { name: 'You host this' }).waitFor()
    expect(await ana.page.getByText(/invited to co-host/).count()).toBe(0)
    await ana.context.close()
  }, 60_000)

  it('a cancelled event offers no going, maybe or no, and no calendar entry', async () => {
    const [ana, ben] = await gather(env, 'Rainy days', 'Ana', 'Ben')
    await makeEvent(ana, 'Picnic')
    await openInvitation(ben, 'Picnic')
    await ben.page.getByRole('button', { name: 'Maybe', exact: true }).waitFor()
    const asked = nextDialog(ana, true)
    await ana.page.getByRole('button', { name: 'Cancel invitation' }).click()
    await asked
    for (const p of [ana, ben]) {
      await p.page.getByText('This was cancelled, so there is nothing to answer.').waitFor({ timeout: 10_000 })
      for (const label of ['Yes', 'Maybe', 'No', 'Add to calendar']) expect(await p.page.getByRole('button', { name: label, exact: true }).count()).toBe(0)
    }
    for (const label of ['Make yourself at home', 'Invite as co-host', 'Hand over']) expect(await ana.page.getByRole('button', { name: label }).count()).toBe(0)
    await backToRoom(ben)
    await ben.page.getByRole('heading', { name: /^Past/ }).waitFor()
    expect(await ben.page.getByRole('link', { name: /Picnic/ }).innerText()).toMatch(/Cancelled/)
    for (const p of [ana, ben]) await p.context.close()
  }, 60_000)

  it('a new name reaches an invitation that is open on another phone, live', async () => {
    const [ana, ben] = await gather(env, 'Names', 'Ana', 'Ben')
    await makeEvent(ana, 'Choir practice')
    await openInvitation(ben, 'Choir practice')
    await ben.page.getByRole('button', { name: 'Yes', exact: true }).click()
    await expect.poll(() => hosts(ben)).toMatch(/^Ana\s*host/)
    await ana.page.goto(`${env.server.url}#/settings`)
    await ana.page.getByLabel('Display name').fill('Ana María')
    await ana.page.getByRole('button', { name: 'Save name' }).click()
    await expect.poll(() => hosts(ben), { timeout: 15_000 }).toMatch(/^Ana María\s*host/)
    await ana.page.goBack()
    await expect.poll(() => ana.page.getByRole('list', { name: 'Hosts' }).innerText()).toMatch(/Ana María/)
    for (const p of [ana, ben]) await p.context.close()
  }, 60_000)
})
