import { describe, expect, it } from 'vitest'
import { deflateSync } from 'fflate'
import { randomBytes } from 'node:crypto'
import { constants, deflateRawSync } from 'node:zlib'
import { open, roomKeys, seal } from '../../../src/crypto/index.ts'
import { deflateBomb, peakRise, sealFramed } from '../fixtures/bomb.ts'

const keys = roomKeys('b'.repeat(32))

describe('a deflate bomb in a sealed blob', () => {
  it('190 KB that would inflate to 190 MiB is refused, and raises memory by a few MB at most', async () => {
    const blob = sealFramed(keys, deflateBomb(190))
    expect(blob.length).toBeLessThan(200_000)
    const { result, rise } = await peakRise(() => open(keys, 'snapshot', blob))
    expect(result).toBeNull()
    // generous: the first 1 KB slice inflates to about 1 MB, and fflate grows its buffers (measured: about 6 MB; before: 130 MB)
    expect(rise).toBeLessThan(8 * 1024 * 1024)
  }, 30_000)

  it('a bomb behind megabytes of data that does not compress stops at the caps, not at the bomb\'s size', async () => {
    // one deflate stream: 4 MiB stored as it is (so 20× of what came is 80 MiB), then 200 MiB of zeros
    const prefix = deflateRawSync(randomBytes(4 * 1024 * 1024), { level: 0, finishFlush: constants.Z_FULL_FLUSH })
    const body = new Uint8Array(Buffer.concat([prefix, deflateRawSync(new Uint8Array(200 * 1024 * 1024), { level: 9 })]))
    const blob = sealFramed(keys, body)
    const { result, rise } = await peakRise(() => open(keys, 'snapshot', blob))
    expect(result).toBeNull()
    // 20× of 4 MiB is what the ratio allows, and the 64 MB cap bounds it; no one slice balloons past it
    // (measured: about 113 MB with the input and its copies; with 64 KB slices one push made a 67 MB chunk, 186 MB in all)
    expect(rise).toBeLessThan(150 * 1024 * 1024)
  }, 60_000)

  it('opens honest records, which deflate far less than 20×', () => {
    const records = Array.from({ length: 3000 }, (_, i) => ({
      t: 'res', id: 'x'.repeat(21), n: i + 1, a: 'yes', by: 'k'.repeat(43), at: 1_800_000_000_000 + i, seq: i + 1,
      prev: Math.random().toString(36).slice(2).padEnd(22, 'p'), sig: Array.from({ length: 8 }, () => Math.random().toString(36).slice(2)).join('').slice(0, 86),
    }))
    const bytes = new TextEncoder().encode(JSON.stringify(records))
    expect(bytes.length / deflateSync(bytes, { level: 9 }).length).toBeLessThan(10)
    expect(open(keys, 'update', seal(keys, 'update', bytes))).toEqual(bytes)
  }, 30_000)
})
