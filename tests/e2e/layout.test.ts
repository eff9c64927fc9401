import { describe, expect, it } from 'vitest'
import { setup } from './setup.ts'
import { tour } from './tour.ts'

const env = setup()

// longer than any phone line, and no place to break it
const WORD = 'Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenkasse'

describe('layout on a small phone', () => {
  it('no screen scrolls sideways at 360 px, even with words longer than a line', async () => {
    const wide: Record<string, number> = {}
    const seen: string[] = []
    await tour(env.browser, env.server.url, 'light', async (name, page) => {
      seen.push(name)
      const width = await page.evaluate(() => document.scrollingElement!.scrollWidth)
      if (width > 360) wide[name] = width
    }, { width: 360, longWord: WORD })
    expect(seen.length).toBeGreaterThan(15)
    expect(wide).toEqual({})
  }, 240_000)
})
