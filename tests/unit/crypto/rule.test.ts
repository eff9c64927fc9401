import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { rmSync } from 'node:fs'
import { ed25519 } from '@noble/curves/ed25519.js'
import { sha512 } from '@noble/hashes/sha2.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { fromBase64url, roomKeys, signerKey, signWrite, toBase64url, topicOf, verify as verifyBytes, verifyNow as verifyBytesNow, verifyWrite } from '../../../src/crypto/index.ts'
import { equationHolds } from '../../../src/crypto/index.ts'
import { isMemberKey, verify, verifyMany, verifyNow } from '../../../src/identity/index.ts'
import { canonical, recordKey, type HearthRecord } from '../../../src/model/index.ts'
import * as wire from '../../../src/protocol/index.ts'
import { openEmbedded } from '../../../src/server/relay/index.ts'
import { createRelay } from '../../../src/server/relay/index.ts'
import type { RelayStore } from '../../../src/server/relay/index.ts'
import { offerRecords } from '../../../src/sync/guard/index.ts'
import { validNow } from '../../../src/sync/guard/index.ts'
import { T0, counted } from '../fixtures/model.ts'
import { connect, tempDir } from '../fixtures/relay.ts'

/**
 * One Ed25519 rule on every path (see src/crypto/ed25519.ts). Verifiers differ at the edges: the cofactored equation
 * (noble's verify, once the guard's) takes a signature whose R has a small-order point added, and one by a key with a
 * small-order part, that the cofactorless one (WebCrypto, OpenSSL: identity, the ledger, repair, the relay) refuses.
 * So the guard and the ledger could reach different verdicts on the same record. Now every path checks the
 * cofactorless equation, and they agree on every one of these.
 */
const { Point } = ed25519
const L = Point.Fn.ORDER
/** a point of order 8 */
const T = Point.fromHex('26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05')

const le = (b: Uint8Array) => b.reduceRight((n, x) => (n << 8n) | BigInt(x), 0n)
const le32 = (n: bigint) => Uint8Array.from({ length: 32 }, (_, i) => Number((n >> BigInt(8 * i)) & 255n))
const utf8 = (s: string) => new TextEncoder().encode(s)
const cat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  parts.reduce((at, p) => { out.set(p, at); return at + p.length }, 0)
  return out
}
const randomScalar = () => le(crypto.getRandomValues(new Uint8Array(64))) % L

/**
 * Someone who signs with noble's points, not WebCrypto, so can choose what WebCrypto never makes. `mixed`: the key
 * has a small-order part, A' = aB + T. `torsionR`: R = rB + T. S = r + k·a either way, so the cofactored equation
 * ([8]SB = [8]R + [8]kA) holds. The cofactorless one ([S]B - [k]A' = R) then holds for a mixed key only when k is a
 * multiple of 8: `eighth` tries nonces until it is (true) or is not (false).
 */
const signer = (a = randomScalar(), opts: { mixed?: boolean } = {}) => {
  const A = Point.BASE.multiply(a)
  const pub = (opts.mixed ? A.add(T) : A).toBytes()
  const sign = (message: Uint8Array, how: { torsionR?: boolean; eighth?: boolean } = {}) => {
    for (;;) {
      const r = randomScalar()
      const R = (how.torsionR ? Point.BASE.multiply(r).add(T) : Point.BASE.multiply(r)).toBytes()
      const k = le(sha512(cat(R, pub, message))) % L
      if (how.eighth === undefined || how.eighth === (k % 8n === 0n)) return cat(R, le32((r + k * a) % L))
    }
  }
  return { pub, id: toBase64url(pub), sign }
}
const mixedSigner = () => signer(undefined, { mixed: true })
/** the scalar of an Ed25519 seed (RFC 8032: the clamped first half of its SHA-512) */
const scalarOf = (seed: Uint8Array) => {
  const h = sha512(seed).slice(0, 32)
  h[0] &= 248; h[31] &= 127; h[31] |= 64
  return le(h) % L
}
/** a record signed by `s`, with R of small order added when asked */
const signed = (s: ReturnType<typeof signer>, body: Record<string, unknown>, how: { torsionR?: boolean; eighth?: boolean } = {}) => {
  const record = { at: T0, by: s.id, ...body } as unknown as HearthRecord
  return { ...record, sig: toBase64url(s.sign(utf8(canonical(record)), how)) } as HearthRecord
}

const valid = (r: HearthRecord) => validNow(recordKey(r), r, { left: 64 })
const repaired = async (r: HearthRecord) => offerRecords(new Y.Doc(), [[recordKey(r), r]])

describe('one Ed25519 rule: a small-order point added to R', () => {
  it('is refused by the guard, identity, the ledger and repair alike, though the cofactored equation holds', async () => {
    const x = signer()
    const honest = signed(x, { t: 'mem', n: 1, name: 'Xe' })
    const forged = signed(x, { t: 'mem', n: 1, name: 'Xe' }, { torsionR: true })
    // the attack is real: the cofactored equation takes it
    expect(ed25519.verify(fromBase64url(forged.sig)!, utf8(canonical(forged)), x.pub, { zip215: false })).toBe(true)

    expect(isMemberKey(x.id)).toBe(true)
    expect(valid(honest)).toBe(true)
    expect(await verify(x.id, canonical(honest), honest.sig)).toBe(true)
    expect(await counted(honest)).toBe(true)
    expect(await repaired(honest)).toBe(1)

    expect(valid(forged)).toBe(false)
    expect(await verify(x.id, canonical(forged), forged.sig)).toBe(false)
    expect(verifyNow(x.id, canonical(forged), forged.sig)).toBe(false)
    expect(await verifyMany(Array.from({ length: 70 }, () => [x.id, canonical(forged), forged.sig] as [string, string, string]))).toEqual(Array(70).fill(false))
    expect(await counted(forged)).toBe(false)
    expect(await repaired(forged)).toBe(0)
  })

  it('is refused for a room write key', () => {
    const keys = roomKeys('a secret for the write key test')
    const room = signer(scalarOf(keys.writeSecret))
    expect(room.pub).toEqual(keys.writePub)
    const proof = wire.readProof(new Uint8Array(32).fill(3), keys.topic, 'wss://relay.test')
    expect(verifyWrite(keys.writePub, proof, signWrite(keys, proof))).toBe(true)
    expect(verifyWrite(keys.writePub, proof, room.sign(proof))).toBe(true)
    expect(verifyWrite(keys.writePub, proof, room.sign(proof, { torsionR: true }))).toBe(false)
  })
})

describe('one Ed25519 rule: a key with a small-order part', () => {
  it('has what the cofactored equation alone takes refused everywhere', async () => {
    const mixed = mixedSigner()
    const record = signed(mixed, { t: 'mem', n: 1, name: 'Mixed' }, { eighth: false })
    expect(ed25519.verify(fromBase64url(record.sig)!, utf8(canonical(record)), mixed.pub, { zip215: false })).toBe(true)

    expect(await verify(mixed.id, canonical(record), record.sig)).toBe(false)
    expect(verifyNow(mixed.id, canonical(record), record.sig)).toBe(false)
    expect(valid(record)).toBe(false)
    expect(await counted(record)).toBe(false)
    expect(await repaired(record)).toBe(0)
    const proof = wire.readProof(new Uint8Array(32).fill(5), topicOf(mixed.pub), 'wss://relay.test')
    expect(verifyWrite(mixed.pub, proof, mixed.sign(proof, { eighth: false }))).toBe(false)
  })

  it('has what the cofactorless equation takes taken everywhere alike', async () => {
    const mixed = mixedSigner()
    const record = signed(mixed, { t: 'mem', n: 1, name: 'Mixed' }, { eighth: true })
    const key = await crypto.subtle.importKey('raw', mixed.pub as BufferSource, { name: 'Ed25519' }, false, ['verify'])
    expect(await crypto.subtle.verify({ name: 'Ed25519' }, key, fromBase64url(record.sig)! as BufferSource, utf8(canonical(record)) as BufferSource)).toBe(true)

    expect(isMemberKey(mixed.id)).toBe(true)
    expect(await verify(mixed.id, canonical(record), record.sig)).toBe(true)
    expect(verifyNow(mixed.id, canonical(record), record.sig)).toBe(true)
    expect(valid(record)).toBe(true)
    expect(await counted(record)).toBe(true)
    expect(await repaired(record)).toBe(1)
  })
})

describe('one Ed25519 rule: every backend', () => {
  it('noble’s points (the browser’s guard), OpenSSL (Node) and WebCrypto (many at once) give the same verdicts', async () => {
    const x = signer()
    const key = signerKey(x.pub)!
    const m = utf8('a message')
    const cases: [Uint8Array, boolean][] = [
      [x.sign(m), true],
      [x.sign(m, { eighth: true }), true],
      [x.sign(m, { torsionR: true }), false],
      [x.sign(utf8('another')), false],
    ]
    const mixed = mixedSigner()
    const mixedKey = signerKey(mixed.pub)!
    const mixedCases: [Uint8Array, boolean][] = [[mixed.sign(m, { eighth: true }), true], [mixed.sign(m, { eighth: false }), false]]
    const good = x.sign(m)
    // S + L: the same equation mod L, but not canonical
    cases.push([cat(good.subarray(0, 32), le32(le(good.subarray(32)) + L)), false])
    cases.push([good.subarray(0, 63), false])
    for (const [sig, ok] of cases) {
      expect(equationHolds(key, m, sig)).toBe(ok)
      expect(verifyBytesNow(key, m, sig)).toBe(ok)
      expect(await verifyBytes(key, m, sig)).toBe(ok)
    }
    for (const [sig, ok] of mixedCases) {
      expect(equationHolds(mixedKey, m, sig)).toBe(ok)
      expect(verifyBytesNow(mixedKey, m, sig)).toBe(ok)
      expect(await verifyBytes(mixedKey, m, sig)).toBe(ok)
    }
    expect(signerKey(T.toBytes())).toBeNull()
    expect(signerKey(Point.ZERO.toBytes())).toBeNull()
  })
})

describe('one Ed25519 rule: the relay', () => {
  let server: Server
  let store: RelayStore
  let url: string
  const data = tempDir('crypto-rule')
  beforeAll(async () => {
    store = await openEmbedded(data)
    const relay = createRelay(store)
    server = createServer()
    server.on('upgrade', (req, socket, head) => relay.upgrade(req, socket, head))
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
    url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/relay`
    afterAll(async () => {
      relay.close()
      await new Promise((ok) => server.close(ok))
      await store.close()
      rmSync(data, { recursive: true, force: true })
    })
  })

  it('refuses a join proof with a small-order point added to R, or by a write key with a small-order part that only the cofactored equation takes', async () => {
    const c = await connect(url)
    const join = (topic: string, pub: Uint8Array, sig: Uint8Array) => c.ask((req) => ({ op: wire.Op.Join, req, topic, pub, sig, since: 0 }))
    const keys = roomKeys(`secret ${Math.random()}`)
    const proof = wire.readProof(c.nonce, keys.topic, c.origin)
    expect(await join(keys.topic, keys.writePub, signer(scalarOf(keys.writeSecret)).sign(proof, { torsionR: true }))).toMatchObject({ op: wire.Op.Error, code: 'bad-signature' })
    const mixed = mixedSigner()
    const topic = topicOf(mixed.pub)
    expect(await join(topic, mixed.pub, mixed.sign(wire.readProof(c.nonce, topic, c.origin), { eighth: false }))).toMatchObject({ op: wire.Op.Error, code: 'bad-signature' })
    expect(await join(topic, mixed.pub, mixed.sign(wire.readProof(c.nonce, topic, c.origin), { eighth: true }))).toMatchObject({ op: wire.Op.State })
    expect(await join(keys.topic, keys.writePub, signWrite(keys, proof))).toMatchObject({ op: wire.Op.State })
    c.close()
  })
})
