import { describe, expect, it } from 'vitest'
import { a11yProblems, makeProject, openInvitation, person } from './harness.ts'
import { setup } from './setup.ts'
import { tour } from './tour.ts'

const env = setup()

describe('accessibility', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`axe finds nothing serious on any screen (${scheme})`, async () => {
      const found: Record<string, string[]> = {}
      const seen: string[] = []
      await tour(env.browser, env.server.url, scheme, async (name, page) => {
        seen.push(name)
        const problems = await a11yProblems(page)
        if (problems.length) found[name] = problems
      })
      expect(seen.length).toBeGreaterThan(12)
      expect(found).toEqual({})
    }, 180_000)
  }

  it('works by keyboard alone', async () => {
    const ana = await person(env.browser, env.server.url, 'Ana')
    await ana.page.getByLabel('Room name').focus()
    await ana.page.keyboard.type('Keyboard club')
    await ana.page.keyboard.press('Enter')
    await ana.page.getByRole('heading', { name: 'Keyboard club' }).waitFor()
    await makeProject(ana, 'Tab through it')
    await openInvitation(ana, 'Tab through it')
    const yes = ana.page.getByRole('button', { name: 'Yes', exact: true })
    for (let i = 0; i < 30 && !(await yes.evaluate((el) => el === document.activeElement)); i++) await ana.page.keyboard.press('Tab')
    expect(await yes.evaluate((el) => el === document.activeElement)).toBe(true)
    const outline = await yes.evaluate((el) => getComputedStyle(el).outlineStyle)
    expect(outline).not.toBe('none')
    await ana.page.keyboard.press('Space')
    await expect.poll(() => yes.getAttribute('aria-pressed')).toBe('true')
    await ana.context.close()
  }, 60_000)
})
