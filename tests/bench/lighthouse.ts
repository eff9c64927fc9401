/**
 * Lighthouse (12.2.3, its default mobile preset: a Moto G-class screen, slow 4G and a 4× slower CPU, simulated)
 * against the built app's home screen, as a first-time visitor sees it: performance, FCP and LCP.
 */
import * as chromeLauncher from 'chrome-launcher'
import lighthouse from 'lighthouse'
import { CHROME } from '../e2e/harness.ts'
import { log } from './config.ts'

export type Audit = { performance: number; fcpMs: number; lcpMs: number }

export const audit = async (url: string): Promise<Audit | null> => {
  const chrome = await chromeLauncher.launch({ chromePath: CHROME, chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'] })
  try {
    const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] })
    const lhr = result?.lhr
    if (!lhr) return null
    const ms = (id: string) => lhr.audits[id]?.numericValue ?? NaN
    const found = { performance: Math.round((lhr.categories.performance.score ?? NaN) * 100), fcpMs: ms('first-contentful-paint'), lcpMs: ms('largest-contentful-paint') }
    log('lighthouse', JSON.stringify(found), lhr.runtimeError ? `runtime error: ${lhr.runtimeError.message}` : '')
    return Object.values(found).every(Number.isFinite) ? found : null
  } catch (err) {
    log('lighthouse failed:', String(err))
    return null
  } finally {
    chrome.kill()
  }
}

/** `runs` audits one after another (never in parallel: they would slow each other). */
export const audits = async (url: string, runs: number) => {
  const out: (Audit | null)[] = []
  for (let r = 0; r < runs; r++) out.push(await audit(url))
  return out
}
