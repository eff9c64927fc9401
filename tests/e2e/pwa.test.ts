import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { ARGS, CHROME, createRoom, makeProject, person, roomLinkOf, startInvitation, startServer } from './harness.ts'
import { setup, withRoom } from './setup.ts'

const dist = resolve(import.meta.dirname, '../../dist')
const env = setup()

const controlled = (page: import('playwright-core').Page) =>
  page.waitForFunction(() => !!navigator.serviceWorker?.controller, undefined, { timeout: 20_000 })

describe('the build', () => {
  it('ships a manifest, a service worker, and precaches the whole shell with its icons', () => {
    const manifest = JSON.parse(readFileSync(`${dist}/manifest.webmanifest`, 'utf8'))
    expect(manifest).toMatchObject({ name: 'Hearth', short_name: 'Hearth', display: 'standalone', start_url: './', scope: './' })
    expect(manifest.description.length).toBeGreaterThan(10)
    expect(manifest.theme_color).toMatch(/^#/)
    expect(manifest.background_color).toMatch(/^#/)
    const icons = manifest.icons.map((i: { sizes: string; purpose?: string }) => `${i.sizes}${i.purpose ? ` ${i.purpose}` : ''}`)
    expect(icons).toEqual(expect.arrayContaining(['192x192', '512x512', '512x512 maskable']))
    for (const i of manifest.icons) expect(existsSync(`${dist}/${i.src}`)).toBe(true)
    const sw = readFileSync(`${dist}/sw.js`, 'utf8')
    for (const file of ['index.html', 'manifest.webmanifest', 'icon-192.png', 'icon-512.png', 'maskable-512.png']) expect(sw).toContain(`"${file}"`)
    expect(sw).toMatch(/assets\/index-[\w-]+\.js/)
    expect(sw).toMatch(/assets\/index-[\w-]+\.css/)
    // no absolute paths: the same dist works under any static sub-path
    expect(readFileSync(`${dist}/index.html`, 'utf8')).not.toMatch(/(src|href)="\/(?!\/)/)
  })
})

describe('installable and offline', () => {
  it('passes Chromium’s installability check', async () => {
    // a normal profile: every context of a launched browser counts as incognito, which cannot install
    const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'hearth-install-')), { executablePath: CHROME, args: ARGS })
    const page = context.pages()[0] ?? (await context.newPage())
    await page.goto(env.server.url)
    await controlled(page)
    const cdp = await context.newCDPSession(page)
    await expect.poll(async () => (await cdp.send('Page.getInstallabilityErrors')).installabilityErrors, { timeout: 10_000 }).toEqual([])
    await context.close()
  }, 60_000)

  it('starts with no network, shows the rooms, and opens a room link from local data', async () => {
    const ana = await person(env.browser, env.server.url, 'Ana')
    await controlled(ana.page)
    await createRoom(ana, 'Hall')
    await makeProject(ana, 'Offline tea')
    const link = await roomLinkOf(ana)
    await ana.context.setOffline(true)
    const started = Date.now()
    await ana.page.goto(env.server.url)
    await ana.page.getByRole('link', { name: /Hall/ }).waitFor()
    console.log(`offline reload showed the room list in ${Date.now() - started} ms`)
    await ana.page.goto(link)
    await ana.page.getByRole('heading', { name: 'Hall' }).waitFor()
    await ana.page.getByRole('link', { name: /Offline tea/ }).waitFor()
    await ana.page.getByText(/Offline, your changes are saved on this device/).waitFor()
    await ana.context.close()
  }, 60_000)

  it('asks to keep storage once there is a room, and says so in settings', async () => {
    const ana = await withRoom(env, 'Kept')
    await ana.page.getByRole('link', { name: 'All rooms' }).click()
    await ana.page.getByRole('link', { name: 'Settings' }).click()
    await ana.page.getByRole('heading', { name: 'Storage on this device' }).waitFor()
    const persisted = await ana.page.evaluate(() => navigator.storage.persisted())
    const says = persisted ? /Kept: the browser will not clear/ : /Not guaranteed/
    await ana.page.getByText(says).waitFor()
    await ana.context.close()
  }, 30_000)
})

describe('updates', () => {
  it('offers "Reload to update" and keeps what the person is typing until they choose', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'hearth-dist-'))
    cpSync(dist, copy, { recursive: true })
    let own = await startServer(0, copy)
    const port = Number(new URL(own.url).port)
    const ana = await person(env.browser, own.url, 'Ana')
    await controlled(ana.page)
    await createRoom(ana, 'Versions')
    // a new version is published while the app is open; the next start finds it
    await own.stop()
    appendFileSync(join(copy, 'sw.js'), '\n// a new version\n')
    own = await startServer(port, copy)
    await ana.page.reload()
    await startInvitation(ana, 'Invite people to a project')
    await ana.page.getByLabel('Title').fill('Half-typed')
    await ana.page.getByRole('button', { name: 'Reload to update' }).waitFor({ timeout: 20_000 })
    await ana.page.waitForTimeout(500)
    expect(await ana.page.getByLabel('Title').inputValue()).toBe('Half-typed')
    await Promise.all([ana.page.waitForEvent('load'), ana.page.getByRole('button', { name: 'Reload to update' }).click()])
    await ana.page.getByRole('heading', { name: 'Invite people to a project' }).waitFor()
    expect(await ana.page.getByRole('button', { name: 'Reload to update' }).count()).toBe(0)
    await ana.context.close()
    await own.stop()
  }, 60_000)
})
