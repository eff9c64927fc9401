import { describe, expect, it } from 'vitest'
import { makeEvent, openInvitation, openRoomFromHome, person } from './harness.ts'
import { gather, setup } from './setup.ts'

const env = setup()

describe('recovery kit', () => {
  it('Ana recovers on a new device from her kit: still the host of her invitations, she revokes the lost phone, and Ben sees one Ana', async () => {
    const [phone, ben] = await gather(env, 'Kit room', 'Ana', 'Ben')
    await makeEvent(phone, 'Potluck')

    // on her phone, a kit with her rooms' links, shown once with what it grants
    await phone.page.goto(`${env.server.url}#/settings`)
    await phone.page.getByText('Whoever holds this kit can become you in your rooms', { exact: false }).first().waitFor()
    await phone.page.getByRole('button', { name: 'Make a recovery kit' }).click()
    const kit = await phone.page.getByLabel('Your recovery kit').inputValue()
    expect(kit).toMatch(/HK1-/)
    expect(kit).toMatch(/#\/r\//)
    expect(await phone.page.getByRole('link', { name: 'Save as a file' }).getAttribute('download')).toBe('hearth-recovery-kit.txt')
    const kitDevice = /Recovery kit (\S{6})\./.exec(kit)![1]

    // the phone is lost; on a new device, a damaged code is refused with words, then the whole kit works
    const fresh = await person(env.browser, env.server.url, 'Ana')
    await fresh.page.goto(`${env.server.url}#/settings`)
    const paste = fresh.page.getByLabel(/Recover with a kit/)
    const code = /HK1-[0-9A-Z-]+/.exec(kit)![0]
    await paste.fill(code.slice(0, -3) + (code.endsWith('AAA') ? 'BBB' : 'AAA'))
    await fresh.page.getByRole('button', { name: 'Recover with this kit' }).click()
    await fresh.page.getByText('That is not a whole recovery code').waitFor()
    await paste.fill(kit)
    await fresh.page.getByRole('button', { name: 'Recover with this kit' }).click()
    await fresh.page.getByText('This device is you again').waitFor({ timeout: 15_000 })

    // still the host of the potluck
    await fresh.page.goto(env.server.url)
    await openRoomFromHome(fresh, 'Kit room')
    await fresh.page.getByRole('link', { name: /Potluck/ }).waitFor({ timeout: 20_000 })
    await openInvitation(fresh, 'Potluck')
    await fresh.page.getByRole('link', { name: 'Edit' }).click()
    await fresh.page.getByLabel('Title').fill('Potluck, after the lost phone')
    await fresh.page.getByRole('button', { name: 'Save changes' }).click()
    await fresh.page.getByRole('heading', { name: 'Potluck, after the lost phone' }).waitFor({ timeout: 15_000 })

    // she revokes the lost phone: the device that is neither this one nor the kit
    await fresh.page.goto(`${env.server.url}#/settings`)
    const devices = fresh.page.getByRole('list', { name: 'Devices of yours that this room knows' })
    await expect.poll(() => devices.getByRole('listitem').count(), { timeout: 15_000 }).toBe(3)
    // the kit shows as one, and no device can revoke it (a stolen one neither)
    const kitRow = devices.getByRole('listitem').filter({ hasText: `Recovery kit ${kitDevice}` })
    await kitRow.waitFor()
    expect(await kitRow.getByRole('button').count()).toBe(0)
    const phoneRow = devices.getByRole('listitem').filter({ hasNotText: 'this device' }).filter({ hasNotText: kitDevice })
    fresh.page.once('dialog', (d) => void d.accept())
    await phoneRow.getByRole('button', { name: /^Revoke device/ }).click()
    await fresh.page.getByText('Revoked. What it signs from now on does not count.').waitFor({ timeout: 15_000 })
    await phoneRow.getByText(/revoked/).waitFor()

    // Ben sees the edit, and one Ana
    await ben.page.goto(env.server.url)
    await openRoomFromHome(ben, 'Kit room')
    await ben.page.getByRole('link', { name: /Potluck, after the lost phone/ }).waitFor({ timeout: 20_000 })
    await ben.page.goto(`${env.server.url}#/room/${await ben.page.evaluate(() => (globalThis as any).__hearth.session().ref.id)}/people`)
    await expect.poll(() => ben.page.getByText(/^Ana/).count(), { timeout: 10_000 }).toBe(1)
    for (const p of [phone, ben, fresh]) await p.context.close()
  }, 240_000)
})
