import { describe, expect, it } from 'vitest'
import { sha256, sha256Async } from '../../../src/crypto/index.ts'

describe('sha256Async', () => {
  it('names a snapshot as sha256 does, for a view into a larger frame too', async () => {
    const frame = new Uint8Array(3 * 1024 * 1024 + 7).map((_, i) => (i * 31) % 251)
    const view = frame.subarray(5, frame.length - 2)
    expect(await sha256Async(view)).toEqual(sha256(view))
    expect(await sha256Async(view)).not.toEqual(await sha256Async(frame))
  })
})
