import { describe, expect, it } from 'vitest'
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js'
import { utf8ToBytes } from '@noble/hashes/utils.js'
import { randomBytes } from 'node:crypto'
import { constants, deflateRawSync } from 'node:zlib'
import { open, openAsync, roomKeys, seal } from '../../../src/crypto/index.ts'
import { deflateBomb, peakRise } from '../fixtures/bomb.ts'

const keys = roomKeys('n'.repeat(32))

const sealFramed = (body: Uint8Array): Uint8Array => {
  const plain = new Uint8Array(5 + body.length)
  plain[0] = 1
  new DataView(plain.buffer).setUint32(1, body.length)
  plain.set(body, 5)
  const nonce = new Uint8Array(24).fill(7)
  const box = xchacha20poly1305(keys.sealKey, nonce, utf8ToBytes(`hearth/snapshot/${keys.topic}`)).encrypt(plain)
  const out = new Uint8Array(24 + box.length)
  out.set(nonce)
  out.set(box, 24)
  return out
}

describe('a sealed blob inflated natively (openAsync) keeps the caps', () => {
  it('a 190 KB bomb is refused, raising memory by a few MB at most', async () => {
    const blob = sealFramed(deflateBomb(190))
    const { result, rise } = await peakRise(() => openAsync(keys, 'snapshot', blob))
    expect(result).toBeNull()
    expect(rise).toBeLessThan(12 * 1024 * 1024)
  }, 30_000)

  it('a bomb behind megabytes that do not compress stops at the caps', async () => {
    const prefix = deflateRawSync(randomBytes(4 * 1024 * 1024), { level: 0, finishFlush: constants.Z_FULL_FLUSH })
    const body = new Uint8Array(Buffer.concat([prefix, deflateRawSync(new Uint8Array(200 * 1024 * 1024), { level: 9 })]))
    const { result, rise } = await peakRise(() => openAsync(keys, 'snapshot', sealFramed(body)))
    expect(result).toBeNull()
    expect(rise).toBeLessThan(150 * 1024 * 1024)
  }, 60_000)

  it('opens what open opens, large and small, and nothing else', async () => {
    const rows = Array.from({ length: 4000 }, (_, i) => `{"t":"inv","n":${i},"sig":"${randomBytes(40).toString('base64')}"}`).join(',')
    for (const bytes of [new TextEncoder().encode(rows), new Uint8Array([1, 2, 3])]) {
      const sealed = seal(keys, 'entry', bytes)
      expect(await openAsync(keys, 'entry', sealed)).toEqual(bytes)
      expect(await openAsync(keys, 'entry', sealed)).toEqual(open(keys, 'entry', sealed))
      expect(await openAsync(keys, 'cover', sealed)).toBeNull()
    }
    const damaged = sealFramed(new Uint8Array(100_000).fill(9))
    expect(await openAsync(keys, 'snapshot', damaged)).toBeNull()
  }, 30_000)
})
