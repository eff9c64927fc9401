import { describe, expect, it } from 'vitest'
import { seed } from './harness.ts'
import { setup, withRoom } from './setup.ts'

const env = setup({ SIGNAL: 'off' })

// holds every room's IndexedDB open until the test lets it go, as a slow phone reading a large room would:
// the session can't read or check the room meanwhile. A string, so no bundler helper ends up in the page.
const holdRooms = `(() => {
  let release
  const held = new Promise((r) => { release = r })
  window.__releaseRooms = () => release()
  const open = IDBFactory.prototype.open
  const success = Object.getOwnPropertyDescriptor(IDBRequest.prototype, 'onsuccess')
  IDBFactory.prototype.open = function (name, ...rest) {
    const req = open.call(this, name, ...rest)
    if (String(name).startsWith('hearth-room-')) {
      Object.defineProperty(req, 'onsuccess', { set(f) { success.set.call(this, (e) => held.then(() => f.call(this, e))) } })
    }
    return req
  }
})()`

const titles = (page: import('playwright-core').Page) => page.locator('.feed .card strong').allInnerTexts()
const modelOpen = (page: import('playwright-core').Page) => page.evaluate(() => !!(globalThis as any).__hearth.session())

describe('a room opens onto its list', () => {
  it('shows the list it last showed while it reads the room, then the checked list replaces it', async () => {
    const ana = await withRoom(env, 'Big hall')
    await seed(ana, 40)
    await ana.page.getByRole('link', { name: /Gathering 0\b/ }).waitFor()
    await expect.poll(() => ana.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('hearth-glance-')).map((k) => localStorage.getItem(k)).join()), { timeout: 10_000 }).toContain('Gathering 0')

    await ana.context.addInitScript({ content: holdRooms })
    await ana.page.reload()
    // the room's document isn't read yet, and the list is on screen: the count and the first cards as they were
    await ana.page.getByRole('link', { name: /Gathering 0\b/ }).waitFor()
    expect(await modelOpen(ana.page)).toBe(false)
    expect(await ana.page.getByRole('status').filter({ hasText: '40 invitations' }).count()).toBe(1)
    expect((await titles(ana.page)).slice(0, 3)).toEqual(['Gathering 0', 'Gathering 1', 'Gathering 2'])

    // a kept view the room no longer stands behind (here: one altered on this device) lasts only until the check
    await ana.page.evaluate(() => {
      const key = Object.keys(localStorage).find((k) => k.startsWith('hearth-glance-'))!
      localStorage.setItem(key, localStorage.getItem(key)!.replace('"Gathering 1"', '"Forged"'))
    })
    await ana.page.reload()
    await ana.page.getByRole('link', { name: /Forged/ }).waitFor()
    expect(await modelOpen(ana.page)).toBe(false)
    await ana.page.evaluate(() => (window as any).__releaseRooms())
    await ana.page.getByRole('link', { name: /Gathering 1\b/ }).waitFor()
    expect(await ana.page.getByRole('link', { name: /Forged/ }).count()).toBe(0)
    expect(await modelOpen(ana.page)).toBe(true)
    // and what shows after the check is kept again for next time
    await expect.poll(() => ana.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('hearth-glance-')).map((k) => localStorage.getItem(k)).join()), { timeout: 10_000 }).not.toContain('Forged')
    await ana.context.close()
  }, 60_000)

  it('a room left keeps no glance', async () => {
    const ana = await withRoom(env, 'Short stay')
    await seed(ana, 3)
    await ana.page.getByRole('link', { name: /Gathering 0\b/ }).waitFor()
    await expect.poll(() => ana.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('hearth-glance-')).length), { timeout: 10_000 }).toBe(1)
    ana.page.once('dialog', (d) => void d.accept())
    await ana.page.getByRole('button', { name: 'Leave room' }).click()
    await ana.page.getByRole('heading', { name: 'Your rooms' }).waitFor()
    expect(await ana.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('hearth-glance-')).length)).toBe(0)
    await ana.context.close()
  }, 60_000)
})
