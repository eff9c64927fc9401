import { spawn } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { createRoom, feedCount, joinByLink, makeProject, person, roomLinkOf, startServer, type Person } from './harness.ts'
import { gather, setup } from './setup.ts'

const env = setup()

const connectedWith = (p: Person, name: string) => p.page.getByText(new RegExp(`Connected with .*${name}`)).count()

const openSettings = async (p: Person) => {
  await p.page.getByRole('link', { name: 'All rooms' }).click()
  await p.page.getByRole('link', { name: 'Settings' }).click()
}

describe('partitions', () => {
  it('both sides edit while apart; they reconnect and merge, and nothing is lost', async () => {
    const [ana, ben] = await gather(env, 'Field', 'Ana', 'Ben')
    // Ben cuts himself off: no signaling server and no relay, so his room closes its connections
    await openSettings(ben)
    await ben.page.getByRole('button', { name: /^Remove / }).click()
    await ben.page.getByText('No signaling servers').waitFor()
    await ben.page.getByRole('button', { name: 'Use no relay' }).click()
    await ben.page.getByText(/^No relay: rooms sync only/).waitFor()
    await ben.page.goBack()
    await ben.page.goBack()
    await ben.page.getByText(/Offline, your changes are saved on this device/).waitFor()
    await expect.poll(() => connectedWith(ana, 'Ben'), { timeout: 40_000 }).toBe(0)
    await makeProject(ana, 'Ana while apart')
    await makeProject(ben, 'Ben while apart')
    await ben.page.waitForTimeout(1000)
    expect(await feedCount(ben, /Ana while apart/)).toBe(0)
    expect(await feedCount(ana, /Ben while apart/)).toBe(0)
    // heal
    await openSettings(ben)
    await ben.page.getByLabel('Signaling server address').fill(`${env.server.url.replace('http', 'ws')}signal`)
    await ben.page.getByRole('button', { name: 'Add server' }).click()
    await ben.page.getByLabel('Relay address').fill(`${env.server.url.replace('http', 'ws')}relay`)
    await ben.page.getByRole('button', { name: 'Use this relay' }).click()
    await ben.page.getByText(/Saved\. Your rooms now use this relay/).waitFor()
    await ben.page.goBack()
    await ben.page.goBack()
    for (const p of [ana, ben]) {
      await expect.poll(() => feedCount(p, /Ana while apart/), { timeout: 20_000 }).toBe(1)
      await expect.poll(() => feedCount(p, /Ben while apart/), { timeout: 20_000 }).toBe(1)
    }
    await ana.context.close()
    await ben.context.close()
  }, 120_000)
})

describe('signaling', () => {
  it('goes away and comes back; the peers reconnect by themselves', async () => {
    const [ana, ben] = await gather(env, 'Porch', 'Ana', 'Ben')
    const link = await roomLinkOf(ana)
    const port = new URL(env.server.url).port
    // installed, as a phone would have it: the service worker holds the app's code before the server goes
    for (const p of [ana, ben]) await p.page.evaluate(() => navigator.serviceWorker.ready.then(() => true))
    await env.server.stop()
    for (const p of [ana, ben]) await p.page.getByText(/Signaling not reachable/).waitFor({ timeout: 20_000 })
    // Ben's connection drops while the server is away
    await ben.page.close()
    await expect.poll(() => connectedWith(ana, 'Ben'), { timeout: 40_000 }).toBe(0)
    await makeProject(ana, 'Made while signaling was down')
    env.server = await startServer(Number(port))
    await ana.page.getByText(/Signaling connected/).waitFor({ timeout: 20_000 })
    const page = await ben.context.newPage()
    await page.goto(link)
    const again = { context: ben.context, page }
    await expect.poll(() => feedCount(again, /Made while signaling was down/), { timeout: 20_000 }).toBe(1)
    await expect.poll(() => connectedWith(ana, 'Ben'), { timeout: 20_000 }).toBe(1)
    await ana.context.close()
    await ben.context.close()
  }, 120_000)
})

describe('the stock y-webrtc signaling server', () => {
  it('stands in for ours', async () => {
    const port = 40_000 + Math.floor(Math.random() * 10_000)
    const stock = spawn(process.execPath, ['node_modules/y-webrtc/bin/server.js'], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'inherit'] })
    await new Promise((ok) => stock.stdout!.once('data', ok))
    try {
      const ana = await person(env.browser, env.server.url, 'Ana')
      const ben = await person(env.browser, env.server.url, 'Ben')
      for (const p of [ana, ben]) {
        await p.page.getByRole('link', { name: 'Settings' }).click()
        await p.page.getByLabel('Signaling server address').fill(`ws://127.0.0.1:${port}`)
        await p.page.getByRole('button', { name: 'Add server' }).click()
        await p.page.getByRole('button', { name: /^Remove .*\/signal$/ }).click()
        await p.page.getByRole('link', { name: 'All rooms' }).click()
      }
      await createRoom(ana, 'Stock')
      await makeProject(ana, 'Via the stock server')
      await joinByLink(ben, await roomLinkOf(ana))
      await expect.poll(() => feedCount(ben, /Via the stock server/), { timeout: 20_000 }).toBe(1)
      await ana.context.close()
      await ben.context.close()
    } finally {
      stock.kill()
    }
  }, 60_000)
})
