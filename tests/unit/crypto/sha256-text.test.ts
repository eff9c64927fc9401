import { describe, expect, it } from 'vitest'
import { sha256 as noble } from '@noble/hashes/sha2.js'
import { sha256Text } from '../../../src/crypto/sha256-text.ts'

const utf8 = (s: string) => new TextEncoder().encode(s)
let seed = 7
const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) % n
const CHARS = ['a', 'Z', '0', '"', '\n', 'é', '€', '😀', '\ud800', '\u0000']
const text = (n: number) => Array.from({ length: n }, () => CHARS[rand(CHARS.length)]).join('')

describe('sha256Text', () => {
  it('is SHA-256 of the UTF-8 bytes at every length around the block boundaries, and beyond', () => {
    for (let n = 0; n < 300; n++) {
      const ascii = 'x'.repeat(n)
      expect(sha256Text(ascii)).toEqual(noble(utf8(ascii)))
      const mixed = text(n)
      expect(sha256Text(mixed)).toEqual(noble(utf8(mixed)))
    }
    for (const n of [4095, 4096, 5000, 30_000, 140_000]) {
      const long = text(n)
      expect(sha256Text(long)).toEqual(noble(utf8(long)))
    }
  })

  it('gives the first n bytes of the digest, the same after a long text as before it', () => {
    const short = sha256Text('hearth', 9)
    expect(short).toEqual(noble(utf8('hearth')).subarray(0, 9))
    sha256Text(text(50_000))
    expect(sha256Text('hearth', 9)).toEqual(short)
    expect(sha256Text('abc')).toEqual(Uint8Array.from(Buffer.from('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad', 'hex')))
  })
})
