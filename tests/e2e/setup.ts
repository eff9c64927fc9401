import type { Browser } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { launch, startServer } from './harness.ts'

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
