import { base64urlnopad } from '@scure/base'
import { describe, expect, it } from 'vitest'
import { fromBase64url, toBase64url } from '../../../src/crypto/index.ts'

describe('toBase64url', () => {
  it('spells every length and byte as the reference coder does, and reads back', () => {
    let seed = 7
    const byte = () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24
    for (let len = 0; len < 100; len++) {
      for (let k = 0; k < 20; k++) {
        const bytes = Uint8Array.from({ length: len }, byte)
        if (k === 0) bytes.fill(255)
        if (k === 1) bytes.fill(0)
        const text = toBase64url(bytes)
        expect(text).toBe(base64urlnopad.encode(bytes))
        expect(fromBase64url(text)).toEqual(bytes)
      }
    }
  })
})
