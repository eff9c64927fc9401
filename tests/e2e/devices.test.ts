import { describe, expect, it } from 'vitest'
import { listUnder, makeEvent, openInvitation, openRoomFromHome, person, type Person } from './harness.ts'
import { gather, setup } from './setup.ts'

const env = setup()

const answer = (p: Person, label: string) => p.page.getByRole('group', { name: /Answer/ }).getByRole('button', { name: label, exact: true }).click()

/** From `phone`'s Settings, "Link another device"; `laptop` pastes the code in its own Settings. */
const link = async (phone: Person, laptop: Person) => {
  await phone.page.goto(`${env.server.url}#/settings`)
  await phone.page.getByRole('button', { name: 'Link another device' }).click()
  const code = await phone.page.getByLabel('Link code', { exact: true }).inputValue()
  expect(code).toMatch(/^[A-Za-z0-9_-]{24}$/)
  await laptop.page.goto(`${env.server.url}#/settings`)
  await laptop.page.getByLabel('Link code from your other device').fill(code)
  await laptop.page.getByRole('button', { name: 'Link this device' }).click()
  await laptop.page.getByText('This device is now linked').waitFor({ timeout: 30_000 })
  await phone.page.getByText('Linked. Your other device now has your rooms.').waitFor({ timeout: 10_000 })
}

describe('one person, many devices', () => {
  it('Ana links her laptop to her phone by code: she hosts and answers from either, and Ben sees one Ana', async () => {
    const [phone, ben] = await gather(env, 'Devices', 'Ana', 'Ben')
    await makeEvent(phone, 'Potluck')
    await phone.page.getByRole('link', { name: 'Back to the room' }).click().catch(() => {})
    await makeEvent(ben, 'Walk')
    await openInvitation(phone, 'Walk')
    await answer(phone, 'Yes')
    await expect.poll(() => listUnder(ben, /^Going/), { timeout: 15_000 }).toContain('Ana')

    const laptop = await person(env.browser, env.server.url, 'Laptop')
    await link(phone, laptop)

    // the laptop now has Ana's room, and her name
    await laptop.page.goto(env.server.url)
    await openRoomFromHome(laptop, 'Devices')
    await openInvitation(laptop, 'Potluck')
    await laptop.page.getByRole('link', { name: 'Edit' }).click()
    await laptop.page.getByLabel('Title').fill('Potluck, from the laptop')
    await laptop.page.getByRole('button', { name: 'Save changes' }).click()
    await laptop.page.getByRole('heading', { name: 'Potluck, from the laptop' }).waitFor({ timeout: 15_000 })
    await ben.page.goto(`${env.server.url}`)
    await openRoomFromHome(ben, 'Devices')
    await ben.page.getByRole('link', { name: /Potluck, from the laptop/ }).waitFor({ timeout: 20_000 })

    // her answer from the laptop replaces the phone's
    await laptop.page.getByRole('link', { name: 'Back to the room' }).click()
    await openInvitation(laptop, 'Walk')
    await answer(laptop, 'No')
    await openInvitation(ben, 'Walk')
    await expect.poll(() => listUnder(ben, /^Going/), { timeout: 20_000 }).not.toContain('Ana')
    expect(await listUnder(ben, /^Not going/)).toContain('Ana')

    // Ben sees one Ana among the people
    await ben.page.goto(`${env.server.url}#/room/${await ben.page.evaluate(() => (globalThis as any).__hearth.session().ref.id)}/people`)
    await expect.poll(() => ben.page.getByText(/^Ana/).count(), { timeout: 10_000 }).toBe(1)
    expect(await ben.page.getByText(/^Laptop/).count()).toBe(0)

    for (const p of [phone, ben, laptop]) await p.context.close()
  }, 240_000)

  it('Ana revokes her phone from the laptop: what the phone signs afterwards counts on nobody’s screen', async () => {
    const [phone, ben] = await gather(env, 'Lost phone', 'Ana', 'Ben')
    await makeEvent(phone, 'Picnic')
    const laptop = await person(env.browser, env.server.url, 'Laptop')
    await link(phone, laptop)
    await laptop.page.goto(env.server.url)
    await openRoomFromHome(laptop, 'Lost phone')
    await openInvitation(laptop, 'Picnic')

    // from the laptop's Settings: the phone, revoked after a confirm
    await laptop.page.goto(`${env.server.url}#/settings`)
    const devices = laptop.page.getByRole('list', { name: 'Devices of yours that this room knows' })
    await expect.poll(() => devices.getByRole('listitem').count(), { timeout: 10_000 }).toBe(2)
    laptop.page.once('dialog', (d) => void d.accept())
    await devices.getByRole('button', { name: /^Revoke device/ }).click()
    await laptop.page.getByText('Revoked. What it signs from now on does not count.').waitFor({ timeout: 15_000 })
    await devices.getByText(/revoked/).waitFor()

    // whoever holds the phone tries to change the picnic
    await phone.page.goto(env.server.url)
    await openRoomFromHome(phone, 'Lost phone')
    await phone.page.goto(`${env.server.url}#/settings`)
    await phone.page.getByText(/this device · revoked/).waitFor({ timeout: 20_000 })
    // it says so, with the kit as the way back
    await phone.page.getByRole('alert').filter({ hasText: 'This device was revoked' }).filter({ hasText: 'recovery kit' }).waitFor()
    await phone.page.goto(env.server.url)
    await openRoomFromHome(phone, 'Lost phone')
    await openInvitation(phone, 'Picnic')
    await phone.page.getByRole('link', { name: 'Edit' }).click()
    await phone.page.getByLabel('Title').fill('Picnic is off, go home')
    await phone.page.getByRole('button', { name: 'Save changes' }).click()
    await phone.page.getByText('Only a host can change this invitation.').waitFor({ timeout: 10_000 })

    // the laptop still hosts it, and Ben sees only what Ana's devices that stand have signed
    await laptop.page.goto(env.server.url)
    await openRoomFromHome(laptop, 'Lost phone')
    await openInvitation(laptop, 'Picnic')
    await laptop.page.getByRole('link', { name: 'Edit' }).click()
    await laptop.page.getByLabel('Title').fill('Picnic, still on')
    await laptop.page.getByRole('button', { name: 'Save changes' }).click()
    await ben.page.goto(env.server.url)
    await openRoomFromHome(ben, 'Lost phone')
    await ben.page.getByRole('link', { name: /Picnic, still on/ }).waitFor({ timeout: 20_000 })
    expect(await ben.page.getByRole('link', { name: /go home/ }).count()).toBe(0)
    for (const p of [phone, ben, laptop]) await p.context.close()
  }, 240_000)
})
