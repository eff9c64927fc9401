import { describe, expect, it } from 'vitest'
import { toBase64url } from '../../../src/crypto/index.ts'
import { createIdentity, isMemberKey, verify } from '../../../src/identity/index.ts'
import { canonical, commands as c, type HearthRecord } from '../../../src/model/index.ts'
import { inviteId } from '../../../src/model/records/index.ts'
import { T0, event, expectOk, inject, peer, sync } from '../fixtures/model.ts'

const bytes = (hex: string) => Uint8Array.from(hex.match(/../g)!, (x) => parseInt(x, 16))
const id = (hex: string) => toBase64url(bytes(hex))

/** The eight points of small order, as Ed25519 encodes them (the identity, order 2, two of order 4, four of order 8). */
const SMALL_ORDER = [
  '0100000000000000000000000000000000000000000000000000000000000000',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  '0000000000000000000000000000000000000000000000000000000000000000',
  '0000000000000000000000000000000000000000000000000000000000000080',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa',
]
const IDENTITY = SMALL_ORDER[0]

/** For a small-order key, a signature with S = 0 and R the identity (or the key itself) passes for many messages. */
const universal = (hex: string) => [
  toBase64url(new Uint8Array([...bytes(IDENTITY), ...new Uint8Array(32)])),
  toBase64url(new Uint8Array([...bytes(hex), ...new Uint8Array(32)])),
]

describe('hostile: keys that are not real Ed25519 keys are refused', () => {
  it('refuses the eight small-order points, and signatures "by" them that anyone could make', async () => {
    for (const hex of SMALL_ORDER) {
      expect(isMemberKey(id(hex))).toBe(false)
      for (const sig of universal(hex)) for (const m of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']) expect(await verify(id(hex), m, sig)).toBe(false)
    }
  })

  it('refuses an encoding that is not a point on the curve, and one that is not canonical', async () => {
    expect(isMemberKey(id(`02${'00'.repeat(31)}`))).toBe(false)
    expect(isMemberKey(id(`ed${'ff'.repeat(30)}7f`))).toBe(false)
    expect(isMemberKey('A'.repeat(43))).toBe(false)
    expect(isMemberKey('short')).toBe(false)
    const real = await createIdentity()
    expect(isMemberKey(real.id)).toBe(true)
  })

  it('a record "signed" by the identity point, which anyone can sign for, has no effect', async () => {
    const [a, x] = [await peer(), await peer()]
    const puppet = id(IDENTITY)
    const [sig] = universal(IDENTITY)
    const nonce = 'puppet-nonce-0000000'
    const create = { t: 'inv', id: inviteId(puppet, nonce), v: 1, by: puppet, at: T0, op: 'create', kind: 'event', nonce, c: event({ title: 'anyone can edit me' }) }
    const name = { t: 'mem', n: 1, by: puppet, at: T0, name: 'Ana' }
    const records = [create, name].map((r) => ({ ...r, sig }) as unknown as HearthRecord)
    expect(await verify(puppet, canonical(records[0]), sig)).toBe(false)
    await inject(x, ...records)
    await sync(a, x)
    expect(a.room.invitations()).toEqual([])
    expect(a.room.members()).toEqual([])
  })

  it('a host can’t offer the host role to a key nobody holds', async () => {
    const a = await peer()
    const { id: inv } = expectOk(await c.invite(a.room, 'event', event()))
    expect((await c.inviteCohost(a.room, inv, id(IDENTITY))).ok).toBe(false)
    expect(a.room.invitation(inv)!.pending).toEqual([])
  })
})
