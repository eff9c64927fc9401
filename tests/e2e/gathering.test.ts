import { describe, expect, it } from 'vitest'
import { createRoom, feedCount, makeProject, openPairing, person, type Person } from './harness.ts'
import { setup } from './setup.ts'

// the app is served as a static host would serve it: no signaling server anywhere
const env = setup({ SIGNAL: 'off', RELAY: 'off' })

const codeOf = async (p: Person) => {
  await p.page.waitForFunction(() => document.querySelector<HTMLTextAreaElement>('#pair-code-text')?.value.includes('#/pair/'), undefined, { timeout: 15_000 })
  return p.page.getByLabel(/Or copy this code/).inputValue()
}

/** `host` shows a code for its open room, `guest` pastes it and shows an answer, `host` pastes that. */
const scanBoth = async (host: Person, guest: Person) => {
  await openPairing(host)
  const offer = await codeOf(host)
  const offerBytes = Number(/\((\d+) bytes\)/.exec(await host.page.getByText(/Or copy this code/).innerText())?.[1])
  await guest.page.goto(`${new URL(guest.page.url()).origin}/#/pair`)
  await guest.page.getByLabel('Or paste their code').fill(offer)
  await guest.page.getByRole('button', { name: 'Use this code' }).click()
  const answer = await codeOf(guest)
  const secondScan = Date.now()
  await host.page.getByLabel('Or paste their answer').fill(answer)
  await host.page.getByRole('button', { name: 'Connect' }).click()
  return { offerBytes, offerChars: offer.length, secondScan }
}

/** Both scan, and each phone has proved itself to the other. */
const pair = async (host: Person, guest: Person) => {
  const scanned = await scanBoth(host, guest)
  for (const p of [host, guest]) await p.page.getByText(/^Connected with/).waitFor({ timeout: 20_000 })
  return scanned
}

// a phone that opens the channel but never sends its signed hello (a chunked frame: 0 = whole, then 3 = the hello)
const WITHHOLD_HELLO = `{
  const send = RTCDataChannel.prototype.send
  RTCDataChannel.prototype.send = function (data) {
    if (data instanceof Uint8Array && data[0] === 0 && data[1] === 3) return
    return send.call(this, data)
  }
}`

const goToRoom = (p: Person) => p.page.getByRole('link', { name: 'Go to the room' }).click()

describe('gathering mode', () => {
  it('two phones pair through offer and answer codes and then sync both ways', async () => {
    const ana = await person(env.browser, env.server.url, 'Ana')
    const ben = await person(env.browser, env.server.url, 'Ben')
    await createRoom(ana, 'Field day')
    await makeProject(ana, 'Made before pairing')
    const { offerBytes, offerChars, secondScan } = await pair(ana, ben)
    await goToRoom(ben)
    await ben.page.getByRole('link', { name: /Made before pairing/ }).waitFor({ timeout: 15_000 })
    console.log(`pairing offer ${offerBytes} bytes (${offerChars} characters as a link); first invitation synced ${Date.now() - secondScan} ms after the second scan`)
    await goToRoom(ana)
    await makeProject(ben, 'Made by Ben')
    await expect.poll(() => feedCount(ana, /Made by Ben/), { timeout: 15_000 }).toBe(1)
    await expect.poll(() => ana.page.getByText(/Connected with Ben/).count(), { timeout: 10_000 }).toBe(1)
    for (const p of [ana, ben]) await p.context.close()
  }, 90_000)

  it('a phone that never proves who it is: the screen says it is checking, never connected with them, then offers Try again', async () => {
    const ana = await person(env.browser, env.server.url, 'Ana')
    const ben = await person(env.browser, env.server.url, 'Ben', WITHHOLD_HELLO)
    await createRoom(ana, 'Unproven')
    await scanBoth(ana, ben)
    await ana.page.getByRole('status').filter({ hasText: 'Connected. Checking it is them…' }).waitFor({ timeout: 20_000 })
    // Ana's hello does reach Ben, so Ben's screen may say whom it is connected with
    await ben.page.getByText(/^Connected with/).waitFor({ timeout: 20_000 })
    expect(await ana.page.getByText(/Connected with/).count()).toBe(0)
    await ana.page.getByRole('alert').filter({ hasText: 'never proved it is in this room' }).waitFor({ timeout: 40_000 })
    // Ana closes the link that could carry nothing, and Ben's screen stops saying it is connected
    await ben.page.getByRole('alert').filter({ hasText: 'connection to the other phone was lost' }).waitFor({ timeout: 20_000 })
    await ana.page.getByRole('button', { name: 'Try again' }).click()
    await codeOf(ana)
    for (const p of [ana, ben]) await p.context.close()
  }, 90_000)

  it('a chain A–B–C carries A’s invitation to C, and C’s answer back to A', async () => {
    const [ana, ben, cai] = [await person(env.browser, env.server.url, 'Ana'), await person(env.browser, env.server.url, 'Ben'), await person(env.browser, env.server.url, 'Cai')]
    await createRoom(ana, 'Chain')
    await pair(ana, ben)
    await goToRoom(ben)
    await ben.page.getByRole('heading', { name: 'Chain' }).waitFor()
    await pair(ben, cai)
    await goToRoom(ana)
    await goToRoom(cai)
    await makeProject(ana, 'Passed along')
    await cai.page.getByRole('link', { name: /Passed along/ }).waitFor({ timeout: 15_000 })
    await cai.page.getByRole('link', { name: /Passed along/ }).click()
    await cai.page.getByRole('button', { name: 'Yes', exact: true }).click()
    await ana.page.getByRole('link', { name: /Passed along/ }).click()
    await ana.page.getByRole('heading', { name: /^Going/ }).waitFor({ timeout: 15_000 })
    expect(await ana.page.getByRole('heading', { name: /^Going/ }).locator('xpath=following-sibling::ol[1]').innerText()).toContain('Cai')
    for (const p of [ana, ben, cai]) await p.context.close()
  }, 120_000)

  it('a broken link loses nothing: both edit apart, pair again, and everything merges', async () => {
    const ana = await person(env.browser, env.server.url, 'Ana')
    const ben = await person(env.browser, env.server.url, 'Ben')
    await createRoom(ana, 'Apart')
    await pair(ana, ben)
    await goToRoom(ben)
    await goToRoom(ana)
    // Ben's phone restarts: the direct link is gone
    await ben.page.reload()
    await ben.page.getByRole('heading', { name: 'Apart' }).waitFor()
    await ana.page.getByText(/Offline, your changes are saved/).waitFor({ timeout: 30_000 })
    await makeProject(ana, 'Ana alone')
    await makeProject(ben, 'Ben alone')
    await ben.page.waitForTimeout(500)
    expect(await feedCount(ben, /Ana alone/)).toBe(0)
    await pair(ana, ben)
    await goToRoom(ben)
    await goToRoom(ana)
    for (const p of [ana, ben]) for (const t of [/Ana alone/, /Ben alone/]) await expect.poll(() => feedCount(p, t), { timeout: 15_000 }).toBe(1)
    for (const p of [ana, ben]) await p.context.close()
  }, 120_000)

  it('a damaged or wrong code gets a clear message and a way to try again', async () => {
    const ana = await person(env.browser, env.server.url, 'Ana')
    await ana.page.goto(`${env.server.url}#/pair`)
    await ana.page.getByLabel('Or paste their code').fill('https://example.org/#/pair/AAAA')
    await ana.page.getByRole('button', { name: 'Use this code' }).click()
    await ana.page.getByText(/not a Hearth pairing code, or it was cut short/).waitFor()
    await ana.page.getByRole('link', { name: 'All rooms' }).click()
    await createRoom(ana, 'Mine')
    await openPairing(ana)
    const offer = await codeOf(ana)
    await ana.page.getByLabel('Or paste their answer').fill(offer)
    await ana.page.getByRole('button', { name: 'Connect' }).click()
    await ana.page.getByText(/That is an offer, not an answer/).waitFor()
    await ana.context.close()
  }, 60_000)
})
