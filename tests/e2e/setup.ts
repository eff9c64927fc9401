import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect } from 'vitest'
import { createRoom, joinByLink, launch, person, roomLinkOf, startServer, type Person } from './harness.ts'

export interface Env {
  server: Awaited<ReturnType<typeof startServer>>
  browser: Browser
}

/** One server (the app and, unless turned off, signaling) and one Chromium for a test file. */
export const setup = (serverEnv: Record<string, string> = {}): Env => {
  const env = {} as Env
  beforeAll(async () => {
    env.server = await startServer(0, undefined, serverEnv)
    env.browser = await launch()
  })
  afterAll(async () => {
    await env.browser?.close()
    await env.server?.stop()
  })
  return env
}

/** Everyone in one room: the first makes it, the others join through the link its share screen shows, and all connect. */
export const gather = async (env: Env, roomName: string, ...names: string[]): Promise<Person[]> => {
  const people = await Promise.all(names.map((n) => person(env.browser, env.server.url, n)))
  await createRoom(people[0], roomName)
  const link = await roomLinkOf(people[0])
  for (const p of people.slice(1)) {
    await joinByLink(p, link)
    await p.page.getByRole('heading', { name: roomName }).waitFor()
  }
  for (const n of names.slice(1)) await expect.poll(() => people[0].page.getByText(new RegExp(`Connected with .*${n}`)).count(), { timeout: 20_000 }).toBe(1)
  return people
}

/** One person (Ana, unless named) with a room of their own, made from the home screen. */
export const withRoom = async (env: Env, roomName: string, name = 'Ana'): Promise<Person> => {
  const p = await person(env.browser, env.server.url, name)
  await createRoom(p, roomName)
  return p
}
