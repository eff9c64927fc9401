import { describe, expect, it } from 'vitest'
import { createRoom, makeEvent, person, roomIdOf, savedOnRelay } from './harness.ts'
import { setup } from './setup.ts'

const env = setup()

const WATCH = `window.__csp = []; document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI))`

describe('the Content-Security-Policy', () => {
  it('is strict and the app breaks none of it: rooms, the relay, events, pairing codes, settings', async () => {
    const res = await fetch(env.server.url)
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/)
    const ana = await person(env.browser, env.server.url, 'Ana', WATCH)
    await createRoom(ana, 'Policy')
    await savedOnRelay(ana)
    await makeEvent(ana, 'Within bounds')
    await ana.page.goto(`${env.server.url}#/room/${await roomIdOf(ana)}/pair`)
    await ana.page.locator('.qr svg').waitFor({ timeout: 15_000 })
    await ana.page.goto(`${env.server.url}#/settings`)
    await ana.page.getByRole('heading', { name: 'Settings' }).waitFor()
    expect(await ana.page.evaluate(() => (window as any).__csp)).toEqual([])
    // and an injected inline script would be refused
    const ran = await ana.page.evaluate(() => new Promise((ok) => {
      const s = document.createElement('script')
      s.textContent = 'window.__inline = true'
      document.body.append(s)
      setTimeout(() => ok((window as any).__inline === true), 100)
    }))
    expect(ran).toBe(false)
    await ana.context.close()
  }, 60_000)
})
