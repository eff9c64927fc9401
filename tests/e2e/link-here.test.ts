import { describe, expect, it } from 'vitest'
import { createRoom, makeEvent, openInvitation, openRoomFromHome, person, roomIdOf, type Person } from './harness.ts'
import { setup } from './setup.ts'

// a gathering: the app is served as a static host would serve it, with no relay and no signaling server anywhere
const env = setup({ SIGNAL: 'off', RELAY: 'off' })

const textOf = async (p: Person, id: string, has: string) => {
  await p.page.waitForFunction(([id, has]) => document.querySelector<HTMLTextAreaElement>(`#${id}`)?.value.includes(has), [id, has], { timeout: 20_000 })
  return p.page.locator(`#${id}`).inputValue()
}

describe('linking a device in person', () => {
  it('Ana links her laptop to her phone with no server, and the laptop then edits what she hosts from the phone', async () => {
    const phone = await person(env.browser, env.server.url, 'Ana')
    await createRoom(phone, 'Field day')
    await makeEvent(phone, 'Potluck')
    const laptop = await person(env.browser, env.server.url, 'Laptop')
    await phone.page.goto(`${env.server.url}#/settings`)
    await phone.page.getByRole('button', { name: 'Link another device' }).click()
    await phone.page.getByRole('button', { name: 'Link here, without internet' }).click()
    const offer = await textOf(phone, 'devices-here-code', '#/link/')
    await laptop.page.goto(`${env.server.url}#/settings`)
    await laptop.page.getByLabel('Link code from your other device').fill(offer)
    await laptop.page.getByRole('button', { name: 'Link this device' }).click()
    const answer = await textOf(laptop, 'devices-here-reply', '#/pair/')
    await phone.page.getByLabel('Or paste the answer from your other device').fill(answer)
    const connect = Date.now()
    await phone.page.getByRole('button', { name: 'Connect', exact: true }).click()
    await laptop.page.getByText('This device is now linked').waitFor({ timeout: 30_000 })
    console.log(`linked in person ${Date.now() - connect} ms after the answer was taken`)
    await phone.page.getByText('Linked. Your other device now has your rooms.').waitFor({ timeout: 10_000 })
    // the same connection carried the room the phone opened last: the laptop has it, its invitations and her name
    for (const p of [laptop, phone]) {
      await p.page.getByRole('link', { name: 'All rooms' }).click()
      await openRoomFromHome(p, 'Field day')
    }
    await openInvitation(laptop, 'Potluck')
    await laptop.page.getByRole('link', { name: 'Edit' }).click()
    await laptop.page.getByLabel('Title').fill('Potluck, from the laptop')
    await laptop.page.getByRole('button', { name: 'Save changes' }).click()
    await laptop.page.getByRole('heading', { name: 'Potluck, from the laptop' }).waitFor({ timeout: 15_000 })
    await phone.page.getByRole('link', { name: /Potluck, from the laptop/ }).waitFor({ timeout: 20_000 })
    // the phone sees one Ana among the people, not a stranger called Laptop
    await phone.page.goto(`${env.server.url}#/room/${await roomIdOf(phone)}/people`)
    await expect.poll(() => phone.page.getByText(/^Ana/).count(), { timeout: 10_000 }).toBe(1)
    expect(await phone.page.getByText(/^Laptop/).count()).toBe(0)
    for (const p of [phone, laptop]) await p.context.close()
  }, 180_000)
})
