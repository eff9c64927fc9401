import { describe, expect, it } from 'vitest'
import { deflateSync } from 'fflate'
import { open, roomIdFor, roomKeys, seal, signWrite, topicOf, verifyWrite } from '../../../src/crypto/index.ts'
import * as wire from '../../../src/protocol/index.ts'
import { inflateCapped } from '../../../src/crypto/index.ts'

const text = (s: string) => new TextEncoder().encode(s)

describe('room keys', () => {
  it('come from the secret alone, the same on every device, and say nothing of the room id', () => {
    const a = roomKeys('s'.repeat(32))
    const b = roomKeys('s'.repeat(32))
    expect(a.topic).toBe(b.topic)
    expect(a.topic).toMatch(wire.TOPIC)
    expect(a.topic).toBe(topicOf(a.writePub))
    expect(roomKeys('t'.repeat(32)).topic).not.toBe(a.topic)
    expect(a.topic).not.toContain(roomIdFor('s'.repeat(32)))
    expect(roomIdFor('s'.repeat(32))).toMatch(/^[A-Za-z0-9_-]{21}$/)
  })

  it('sign the relay challenge so that only the write key verifies', () => {
    const a = roomKeys('a'.repeat(32))
    const b = roomKeys('b'.repeat(32))
    const proof = wire.readProof(new Uint8Array(32).fill(7), a.topic, 'wss://relay.test')
    const sig = signWrite(a, proof)
    expect(verifyWrite(a.writePub, proof, sig)).toBe(true)
    expect(verifyWrite(b.writePub, proof, sig)).toBe(false)
    expect(verifyWrite(a.writePub, wire.readProof(new Uint8Array(32).fill(8), a.topic, 'wss://relay.test'), sig)).toBe(false)
  })
})

describe('sealing', () => {
  const keys = roomKeys('k'.repeat(32))
  it('round-trips, small and large, and hides the plaintext', { timeout: 20_000 }, () => {
    for (const n of [0, 10, 5000, 300_000]) {
      const data = text(Array.from({ length: Math.ceil(n / 20) }, (_, i) => `Marker ${i} ${Math.random().toString(36).slice(2, 8)} `).join('').slice(0, n))
      const sealed = seal(keys, 'update', data)
      // compared as buffers: a deep equal of 300,000 numbers alone took seconds on a loaded CI machine
      expect(Buffer.from(open(keys, 'update', sealed)!).equals(Buffer.from(data))).toBe(true)
      expect(Buffer.from(sealed).includes('Marker')).toBe(false)
    }
  })

  it('pads small updates to a few sizes', () => {
    const sizes = new Set([1, 20, 100, 200].map((n) => seal(keys, 'update', new Uint8Array(n).fill(1)).length))
    expect(sizes.size).toBe(1)
  })

  it('is bound to its room and its kind: moved or relabelled blobs do not open', () => {
    const sealed = seal(keys, 'update', text('hello'))
    expect(open(roomKeys('other'.repeat(7)), 'update', sealed)).toBeNull()
    expect(open(keys, 'snapshot', sealed)).toBeNull()
    const flipped = sealed.slice()
    flipped[flipped.length - 1] ^= 1
    expect(open(keys, 'update', flipped)).toBeNull()
    expect(open(keys, 'update', new Uint8Array(10))).toBeNull()
  })

  it('refuses a sealed bomb that would inflate far beyond what records do', { timeout: 30_000 }, () => {
    const bomb = seal(keys, 'update', new Uint8Array(30_000_000))
    expect(bomb.length).toBeLessThan(200_000)
    expect(open(keys, 'update', bomb)).toBeNull()
    const records = new TextEncoder().encode(JSON.stringify(Array.from({ length: 5000 }, (_, i) => ({ t: 'inv', id: `i${i}`, v: 1, sig: Math.random().toString(36).repeat(3) }))))
    expect(open(keys, 'update', seal(keys, 'update', records))).toEqual(records)
  })

  it('stops inflating a bomb at the cap', () => {
    const bomb = deflateSync(new Uint8Array(20_000_000))
    expect(bomb.length).toBeLessThan(100_000)
    expect(inflateCapped(bomb, 1_000_000)).toBeNull()
    expect(inflateCapped(bomb, 30_000_000)?.length).toBe(20_000_000)
    expect(inflateCapped(new Uint8Array([1, 2, 3]), 1000)).toBeNull()
  })
})

describe('wire', () => {
  it('round-trips messages and refuses garbage', () => {
    const m: wire.ClientMessage = { op: wire.Op.Push, req: 3, topic: 'x'.repeat(43), id: 'abcdefgh', data: new Uint8Array([1, 2]) }
    expect(wire.decodeClient(wire.encodeClient(m))).toEqual(m)
    expect(wire.decodeClient(new Uint8Array([99]))).toBeNull()
    expect(wire.decodeClient(new Uint8Array([2, 1]))).toBeNull()
    expect(wire.decodeClient(new Uint8Array([...wire.encodeClient(m), 0]))).toBeNull()
    const s: wire.RelayMessage = { op: wire.Op.State, req: 1, topic: 't', head: 9, snapshot: { seq: 4, data: new Uint8Array([5]) }, updates: [{ seq: 9, data: new Uint8Array([6]) }] }
    expect(wire.decodeRelay(wire.encodeRelay(s))).toEqual(s)
  })
})
