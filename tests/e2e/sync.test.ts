import { describe, expect, it } from 'vitest'
import { makeProject } from './harness.ts'
import { gather, setup } from './setup.ts'

const env = setup()

describe('two peers in a room', () => {
  it('converge on changes made by both sides', async () => {
    const [ana, ben] = await gather(env, 'Allotment', 'Ana', 'Ben')
    await makeProject(ana, 'Seed swap')
    await expect.poll(() => ben.page.getByRole('link', { name: /Seed swap/ }).count(), { timeout: 15_000 }).toBe(1)
    await makeProject(ben, 'Compost bins')
    await expect.poll(() => ana.page.getByRole('link', { name: /Compost bins/ }).count(), { timeout: 15_000 }).toBe(1)
    await expect.poll(() => ana.page.getByText(/Connected with Ben/).count()).toBe(1)
    await ana.context.close()
    await ben.context.close()
  }, 60_000)
})
