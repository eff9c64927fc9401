import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { createRoom } from './harness.ts'
import { setup } from './setup.ts'

const env = setup({ SIGNAL: 'off' })

// the app's entry module: without it only index.html and its painter run, as on a slow phone before the modules arrive
const ENTRY = /\/assets\/index-[\w-]+\.js$/
const withoutModules = async (page: Page, hash = '#/') => {
  await page.route(ENTRY, (r) => r.abort())
  await page.goto(`${env.server.url}${hash}`)
  await page.locator('#root main').waitFor()
}
const withModules = async (page: Page) => {
  await page.unroute(ENTRY)
  await page.reload()
  await page.getByRole('heading', { level: 1 }).waitFor()
}
const h1s = (page: Page) => page.locator('h1').allInnerTexts()

describe('the first paint, before any module runs', () => {
  it('a newcomer whose browser speaks Spanish sees the welcome in Spanish at once, then the app takes it over', async () => {
    const context = await env.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'es-ES', serviceWorkers: 'block' })
    const page = await context.newPage()
    await withoutModules(page)
    expect(await h1s(page)).toEqual(['Te damos la bienvenida a Hearth'])
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es')
    // the painter is inline, allowed by its hash alone: any other inline script is still refused (csp.test.ts)
    const policy = (await fetch(env.server.url)).headers.get('content-security-policy') ?? ''
    expect(policy).toMatch(/(^|; )script-src 'self' 'sha256-[\w+/=]+'(;|$)/)
    expect(await page.locator('body').innerText()).not.toMatch(/Welcome|Your name|Continue/)
    // a picture, not a form: nothing in it can be focused, and a screen reader hears it only once the app is there
    expect(await page.getByRole('heading').count()).toBe(0)
    expect(await page.locator('#root input').evaluate((e: HTMLInputElement) => { e.focus(); return document.activeElement === e })).toBe(false)

    await withModules(page)
    expect(await h1s(page)).toEqual(['Te damos la bienvenida a Hearth'])
    expect(await page.locator('#root').getAttribute('aria-hidden')).toBeNull()
    await page.getByLabel('Tu nombre').fill('Ana')
    await page.getByRole('button', { name: 'Continuar' }).click()
    await page.getByRole('heading', { name: 'Tus salas' }).waitFor()
    await context.close()
  }, 30_000)

  it('a returning person sees their home as they left it, rooms and all, and never one they left', async () => {
    // no service worker: it would hand the page the modules that the test keeps away
    const context = await env.browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: 'block' })
    const ana = { context, page: await context.newPage() }
    await ana.page.goto(env.server.url)
    await ana.page.getByLabel('Your name').fill('Ana')
    await ana.page.getByRole('button', { name: 'Continue' }).click()
    await createRoom(ana, 'Garden <b>club</b>')
    await ana.page.goto(`${env.server.url}#/`)
    await ana.page.getByRole('link', { name: /Garden <b>club<\/b>/ }).waitFor()
    await expect.poll(() => ana.page.evaluate(() => localStorage.getItem('hearth-first-screen') ?? ''), { timeout: 10_000 }).toContain('Garden')

    await withoutModules(ana.page)
    expect(await h1s(ana.page)).toEqual(['Hearth'])
    // the name a member typed is shown as text, never read as markup
    expect(await ana.page.locator('#root .card strong').allInnerTexts()).toEqual(['Garden <b>club</b>'])
    expect(await ana.page.locator('#root b').count()).toBe(0)

    await withModules(ana.page)
    expect(await h1s(ana.page)).toEqual(['Hearth'])
    expect(await ana.page.getByRole('heading', { level: 2 }).allInnerTexts()).toEqual(['Your rooms', 'Make a room', 'Join a room'])
    await ana.page.getByRole('link', { name: /Garden/ }).click()
    await ana.page.getByText('Nothing here yet').waitFor()
    ana.page.once('dialog', (d) => void d.accept())
    await ana.page.getByRole('button', { name: 'Leave room' }).click()
    await ana.page.getByRole('heading', { name: 'Your rooms' }).waitFor()
    await expect.poll(() => ana.page.evaluate(() => localStorage.getItem('hearth-first-screen') ?? 'gone'), { timeout: 10_000 }).not.toContain('Garden')

    await withoutModules(ana.page)
    expect(await ana.page.locator('#root').innerText()).not.toContain('Garden')
    // a room's own address is another screen: no picture of the home there
    await ana.page.goto('about:blank')
    await ana.page.goto(`${env.server.url}#/settings`)
    expect(await ana.page.locator('#root').innerHTML()).toBe('')
    await ana.context.close()
  }, 40_000)
})
