import { describe, expect, it, vi } from 'vitest'
import { Inflate } from 'fflate'
import { randomBytes } from 'node:crypto'
import { constants, deflateRawSync } from 'node:zlib'
import { open, openAsync, roomKeys, seal } from '../../../src/crypto/index.ts'
import { deflateBomb, peakRise, sealFramed } from '../fixtures/bomb.ts'

const keys = roomKeys('n'.repeat(32))

describe('a sealed blob inflated natively (openAsync) keeps the caps', () => {
  it('a 190 KB bomb is refused, raising memory by a few MB at most', async () => {
    const blob = sealFramed(keys, deflateBomb(190))
    const { result, rise } = await peakRise(() => openAsync(keys, 'snapshot', blob))
    expect(result).toBeNull()
    expect(rise).toBeLessThan(12 * 1024 * 1024)
  }, 30_000)

  it('a bomb behind megabytes that do not compress stops at the caps', async () => {
    const prefix = deflateRawSync(randomBytes(4 * 1024 * 1024), { level: 0, finishFlush: constants.Z_FULL_FLUSH })
    const body = new Uint8Array(Buffer.concat([prefix, deflateRawSync(new Uint8Array(200 * 1024 * 1024), { level: 9 })]))
    const { result, rise } = await peakRise(() => openAsync(keys, 'snapshot', sealFramed(keys, body)))
    expect(result).toBeNull()
    expect(rise).toBeLessThan(150 * 1024 * 1024)
  }, 60_000)

  it('a bomb behind megabytes of honest records, where the steps have grown, stops near where the ratio says', async () => {
    // a browser's DecompressionStream inflates each step whole as it is written (Node's inflates only as it is read):
    // this one does the same, and counts what it made
    let made = 0
    class Eager extends TransformStream<Uint8Array, Uint8Array> {
      constructor() {
        let out: TransformStreamDefaultController<Uint8Array> | undefined
        const inflate = new Inflate((chunk) => { made += chunk.length; out?.enqueue(chunk) })
        super({ transform: (chunk, c) => { out = c; inflate.push(chunk) }, flush: (c) => { out = c; inflate.push(new Uint8Array(), true) } })
      }
    }
    vi.stubGlobal('DecompressionStream', Eager)
    try {
      // these deflate about 2×: 20× of what came is about 17 MB, far under the 64 MB cap, and steps grow past 4 KB
      const rows = Array.from({ length: 12_000 }, (_, i) => `{"t":"inv","n":${i},"title":"an invitation","sig":"${randomBytes(64).toString('base64')}"}`).join(',')
      const records = new TextEncoder().encode(rows)
      const prefix = deflateRawSync(records, { level: 1, finishFlush: constants.Z_FULL_FLUSH })
      expect(await openAsync(keys, 'snapshot', sealFramed(keys, new Uint8Array(deflateRawSync(records))))).toEqual(records)
      made = 0
      const body = new Uint8Array(Buffer.concat([prefix, deflateRawSync(new Uint8Array(64 * 1024 * 1024), { level: 9 })]))
      expect(await openAsync(keys, 'snapshot', sealFramed(keys, body))).toBeNull()
      // what the ratio allows, and one 4 KB step's worth past it at most, as with 4 KB steps throughout
      expect(made).toBeLessThan(prefix.length * 20 + 65536 + 4096 * 1032)
    } finally {
      vi.unstubAllGlobals()
    }
  }, 60_000)

  it('opens what open opens, large and small, and nothing else', async () => {
    const rows = Array.from({ length: 4000 }, (_, i) => `{"t":"inv","n":${i},"sig":"${randomBytes(40).toString('base64')}"}`).join(',')
    for (const bytes of [new TextEncoder().encode(rows), new Uint8Array([1, 2, 3])]) {
      const sealed = seal(keys, 'entry', bytes)
      expect(await openAsync(keys, 'entry', sealed)).toEqual(bytes)
      expect(await openAsync(keys, 'entry', sealed)).toEqual(open(keys, 'entry', sealed))
      expect(await openAsync(keys, 'cover', sealed)).toBeNull()
    }
    const damaged = sealFramed(keys, new Uint8Array(100_000).fill(9))
    expect(await openAsync(keys, 'snapshot', damaged)).toBeNull()
  }, 30_000)
})
