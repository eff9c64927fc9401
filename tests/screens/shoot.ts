/** `npm run screens`: phone-size screenshots (390×844) of every screen of the tour, light and dark, into screens/. */
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { launch, startServer } from '../e2e/harness.ts'
import { tour } from '../e2e/tour.ts'

const out = resolve(import.meta.dirname, '../../screens')
mkdirSync(out, { recursive: true })
const server = await startServer()
const browser = await launch()
try {
  for (const scheme of ['light', 'dark'] as const) {
    await tour(browser, server.url, scheme, async (name, page) => {
      await page.waitForTimeout(300)
      await page.screenshot({ path: join(out, `${scheme}-${name}.png`), fullPage: true })
      console.log(`screens/${scheme}-${name}.png`)
    })
  }
} finally {
  await browser.close()
  await server.stop()
}
