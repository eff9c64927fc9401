import { describe, expect, it } from 'vitest'
import { consentTo, createIdentity, type Identity } from '../../../src/identity/index.ts'
import { commands as c, type HearthRecord } from '../../../src/model/index.ts'
import { certRef, hashOf } from '../../../src/model/records/index.ts'
import { expectOk, forgeNext, inject, peer, sync, type Peer } from '../fixtures/model.ts'

const ana = async () => {
  const [phone, ben] = [await peer(), await peer()]
  const laptop = await peer({ doc: phone.doc })
  expectOk(await c.setName(phone.room, 'Ana'))
  expectOk(await c.setName(ben.room, 'Ben'))
  expect(await c.certify(phone.room, laptop.me.id, await consentTo(laptop.me, phone.me.id))).not.toBeNull()
  const kit = await createIdentity()
  expect(await c.certify(phone.room, kit.id, await consentTo(kit, phone.me.id), { kit: true })).not.toBeNull()
  await sync(phone, laptop, ben)
  return { phone, laptop, ben, kit }
}
const revoked = (p: Peer, person: string, d: string) => p.room.devicesOf(person).find((x) => x.device === d)?.revoked
const revocation = (p: Peer, by: Identity, person: string, d: string, cut?: HearthRecord) =>
  forgeNext(p, by, { t: 'dev', op: 'revoke', p: person, d, head: cut && hashOf(cut), by: by.id,
    keep: c.certificatesOf(p.room, by.id).filter((x) => x.d === by.id && x.by === d).map(certRef) })

describe('a thief with one linked device', () => {
  it('makes a recovery kit of their own, which the owner\'s kit, made nearer the first key, revokes', async () => {
    const { phone, laptop, ben, kit } = await ana()
    const person = phone.me.id
    // the stolen laptop certifies a kit the thief keeps
    const thiefKit = await createIdentity()
    expect(await c.certify(laptop.room, thiefKit.id, await consentTo(thiefKit, person), { kit: true })).not.toBeNull()
    await sync(phone, laptop, ben)
    // Ana, with her own kit, revokes the laptop (from before it made anything) and the thief's kit
    expectOk(await c.revokeDevice(phone.room, laptop.me.id, { as: kit }))
    expectOk(await c.revokeDevice(phone.room, thiefKit.id, { as: kit }))
    await sync(phone, laptop, ben)
    expect(revoked(ben, person, laptop.me.id)).toBe(true)
    // the thief's kit then revokes Ana's phone; Ana's kit can't undo it
    await inject(ben, await revocation(ben, thiefKit, person, person))
    await sync(phone, ben)
    expect({ thiefKitRevoked: revoked(ben, person, thiefKit.id), phoneRevoked: revoked(ben, person, person) })
      .toEqual({ thiefKitRevoked: true, phoneRevoked: false })
  })

  it('whoever writes first, the thief\'s kit can\'t revoke the owner\'s kit, and falls to it', async () => {
    const { phone, laptop, ben, kit } = await ana()
    const person = phone.me.id
    const thiefKit = await createIdentity()
    expect(await c.certify(laptop.room, thiefKit.id, await consentTo(thiefKit, person), { kit: true })).not.toBeNull()
    await sync(phone, laptop, ben)
    await inject(ben, await revocation(ben, thiefKit, person, kit.id), await revocation(ben, thiefKit, person, person))
    expect({ kit: revoked(ben, person, kit.id), phone: revoked(ben, person, person) }).toEqual({ kit: false, phone: true })
    await sync(phone, ben)
    expectOk(await c.revokeDevice(phone.room, thiefKit.id, { as: kit }))
    await sync(phone, ben)
    expect({ thiefKit: revoked(ben, person, thiefKit.id), phone: revoked(ben, person, person) }).toEqual({ thiefKit: true, phone: false })
  })

  it('a kit Ana made on her laptop stays hers when she revokes the lost laptop from her phone', async () => {
    const { phone, laptop, ben } = await ana()
    const person = phone.me.id
    const kit = await createIdentity()
    expect(await c.certify(laptop.room, kit.id, await consentTo(kit, person), { kit: true })).not.toBeNull()
    await sync(phone, laptop, ben)
    expectOk(await c.revokeDevice(phone.room, laptop.me.id))
    await sync(phone, laptop, ben)
    expect({ laptop: revoked(ben, person, laptop.me.id), kit: revoked(ben, person, kit.id) }).toEqual({ laptop: true, kit: false })
  })
})
