import { describe, expect, it, vi } from 'vitest'
import { sha256, sha256Async, sha256Many } from '../../../src/crypto/index.ts'

describe('sha256Async', () => {
  it('names a snapshot as sha256 does, for a view into a larger frame too', async () => {
    const frame = new Uint8Array(3 * 1024 * 1024 + 7).map((_, i) => (i * 31) % 251)
    const view = frame.subarray(5, frame.length - 2)
    expect(await sha256Async(view)).toEqual(sha256(view))
    expect(await sha256Async(view)).not.toEqual(await sha256Async(frame))
  })
})

describe('sha256Many', () => {
  const texts = Array.from({ length: 300 }, (_, i) => new TextEncoder().encode(`{"seq":${i},"t":"inv"}${'x'.repeat(i)}`))
  const frame = new Uint8Array(400).map((_, i) => i % 256)
  const list = [...texts, new Uint8Array(0), frame.subarray(3, 250)]

  it('gives each text the digest sha256 gives it, in order, a view into a larger buffer too', async () => {
    expect(await sha256Many(list)).toEqual(list.map(sha256))
  })

  it('gives the same digests where WebCrypto is missing or fails', async () => {
    vi.stubGlobal('crypto', { subtle: { digest: () => Promise.reject(new Error('no')) } })
    try {
      expect(await sha256Many(list)).toEqual(list.map(sha256))
    } finally {
      vi.unstubAllGlobals()
    }
    vi.stubGlobal('crypto', undefined)
    try {
      expect(await sha256Many(list)).toEqual(list.map(sha256))
    } finally {
      vi.unstubAllGlobals()
    }
  })
})
