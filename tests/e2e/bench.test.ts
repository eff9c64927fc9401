import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../..')

/** The bench with tiny sizes, so that it cannot rot; it asserts that every figure is measured, never how fast. */
describe('npm run bench', () => {
  it('runs end to end and reports every figure', async () => {
    await promisify(execFile)(process.execPath, ['--import', 'tsx', 'tests/bench/run.ts', '--smoke'], { cwd: root, timeout: 240_000 })
    const r = JSON.parse(readFileSync(resolve(root, 'tests/bench/results.smoke.json'), 'utf8'))
    const numbers = [
      r.join10k.hearthMs.median, r.join100k.hearthMs.median, r.coldLoad10k.hearthMs.median, r.coldLoad10k.rawDecodeMs.median,
      r.coldLoad10k.ratio, r.propagation.hearthP50Ms, r.propagation.hearthP95Ms, r.propagation.rawP50Ms, r.propagation.rawP95Ms,
      r.propagation.ratioP50, r.jsGzipKB.initial, r.jsGzipKB.total, r.heap10kMB, r.verify10k.coldMs.median, r.verify10k.cachedMs.median,
      r.joinRelay10k.hearthMs.median, r.joinRelay10k.rawYwebsocketMs.median, r.relayPropagation.p50Ms, r.relayPropagation.rawYwebsocketP50Ms,
      r.relayPropagation.ratioP50, r.relayThroughput.updatesPerSec, r.relayThroughput.p99Ms,
    ]
    for (const n of numbers) expect(typeof n).toBe('number')
    expect(r.join10k.rawYwebrtcMs.runs).toHaveLength(1)
    for (const s of [r.join10k.hearthMs, r.coldLoad10k.hearthMs]) expect(s.min).toBeLessThanOrEqual(s.max)
  }, 300_000)
})
