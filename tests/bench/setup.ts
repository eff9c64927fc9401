/** What every measurement runs against: the app's build with the bench's page code, the servers, the raw floors' server, one Chromium. */
import { cpSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Page } from 'playwright-core'
import { build } from 'vite'
import { launch, startServer } from '../e2e/harness.ts'
import { root } from './config.ts'
import { startYws } from './relay.ts'

export const relayUrl = (s: { url: string }) => `${s.url.replace('http', 'ws')}relay`

export const startBench = async () => {
  // the app's build plus the bench's page code, served from one origin with signaling
  const dist = mkdtempSync(join(tmpdir(), 'hearth-bench-'))
  cpSync(process.env.HEARTH_DIST ?? join(root, 'dist'), dist, { recursive: true })
  await build({
    // base: the page code's workers are served beside it, not from the app's own assets (another build's hashes)
    configFile: false, logLevel: 'error', base: '/bench/',
    build: { minify: process.env.BENCH_MINIFY !== '0', outDir: join(dist, 'bench'), emptyOutDir: true, lib: { entry: resolve(import.meta.dirname, 'page.ts'), formats: ['es'], fileName: () => 'bench.js' } },
  })
  const server = await startServer(0, dist)
  // the relay alone: no signaling, so nothing but the relay can deliver
  const relayServer = await startServer(0, dist, { SIGNAL: 'off' })
  const yws = await startYws()
  const browser = await launch()
  const signaling = [`${server.url.replace('http', 'ws')}signal`]
  const addBench = async (page: Page) => {
    await page.addScriptTag({ url: `${server.url}bench/bench.js`, type: 'module' })
    await page.waitForFunction(() => 'bench' in window)
  }
  /** a page of its own, on the app's origin, with the bench's code loaded */
  const benchPage = async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(server.url)
    await addBench(page)
    return { context, page }
  }
  const count = (page: Page) => page.evaluate(() => (globalThis as any).__hearth.session()?.room.ledger.invites.size ?? 0)
  const stop = async () => {
    await browser.close()
    await yws.stop()
    await relayServer.stop()
    await server.stop()
  }
  return { dist, server, relayServer, yws, browser, signaling, addBench, benchPage, count, stop }
}

export type Bench = Awaited<ReturnType<typeof startBench>>
