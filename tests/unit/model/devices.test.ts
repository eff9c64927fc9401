import { describe, expect, it } from 'vitest'
import { consentTo, createIdentity, type Identity } from '../../../src/identity/index.ts'
import { commands as c, type HearthRecord } from '../../../src/model/index.ts'
import { hashOf } from '../../../src/model/records/index.ts'
import { chainOf, event, expectOk, forge, forgeNext, inject, peer, sync, writeEach, type Peer } from '../fixtures/model.ts'

/** Ana on her phone in a room with Ben; her laptop (a new key) is linked by a certificate the phone signs. */
const anaWithLaptop = async () => {
  const [phone, ben] = [await peer(), await peer()]
  const laptop = await peer({ doc: phone.doc })
  expectOk(await c.setName(phone.room, 'Ana'))
  expectOk(await c.setName(ben.room, 'Ben'))
  const cert = await c.certify(phone.room, laptop.me.id, await consentTo(laptop.me, phone.me.id))
  expect(cert).not.toBeNull()
  await sync(phone, laptop, ben)
  return { phone, laptop, ben }
}

const sameDoc = async (...peers: Peer[]) => Promise.all(peers.map((p) => p.room.ledger.settled()))

/** A certificate as a hostile member would sign it: `by` signs, `consenter` gives the consent for `d`. */
const cert = async (by: Identity, p: string, d: Identity, consenter: Identity = d) =>
  forge(by, { t: 'dev', op: 'add', p, d: d.id, ds: await consentTo(consenter, p), by: by.id })

describe('a person is a group of devices', () => {
  it('lets a linked laptop edit what the phone hosts, replace its answer, and shows one Ana', async () => {
    const { phone, laptop, ben } = await anaWithLaptop()
    const { id } = expectOk(await c.invite(phone.room, 'event', event()))
    const other = expectOk(await c.invite(ben.room, 'event', event({ title: 'Ben’s walk' }))).id
    await sync(phone, laptop, ben)
    expectOk(await c.respond(phone.room, other, { answer: 'yes' }))
    await sync(phone, laptop, ben)
    expect(laptop.room.person()).toBe(phone.me.id)
    expectOk(await c.edit(laptop.room, id, event({ title: 'Potluck, from the laptop' })))
    laptop.clock.t += 1000
    expectOk(await c.respond(laptop.room, other, { answer: 'no' }))
    await sync(phone, laptop, ben)
    const v = ben.room.invitation(id)!
    expect(v.content.title).toBe('Potluck, from the laptop')
    expect(v.hosts).toEqual([phone.me.id])
    const walk = ben.room.invitation(other)!
    expect(walk.going).toEqual([])
    expect(walk.declined.map((r) => r.member)).toEqual([phone.me.id])
    expect(ben.room.members().map((m) => m.name).sort()).toEqual(['Ana', 'Ben'])
    expect(ben.room.nameOf(laptop.me.id)).toBe('Ana')
    expect(ben.room.fingerprint(laptop.me.id)).toBe(ben.room.fingerprint(phone.me.id))
    expect(ben.room.trackRecord(laptop.me.id).hosted).toEqual([id])
  })

  it('refuses a certificate that links a device to someone else', async () => {
    const { phone, ben } = await anaWithLaptop()
    const [mallory, spare] = [await createIdentity(), await createIdentity()]
    await inject(ben, await cert(mallory, phone.me.id, spare))
    expect(ben.room.personOf(spare.id)).toBe(spare.id)
    expect(ben.room.devicesOf(phone.me.id).map((d) => d.device)).not.toContain(spare.id)
  })

  it('refuses a certificate that takes over someone’s key without its consent', async () => {
    const { phone, ben } = await anaWithLaptop()
    // Ana's phone claims Ben's key as hers, with a consent it made up
    await inject(ben, await cert(phone.me, phone.me.id, ben.me, phone.me))
    expect(ben.room.personOf(ben.me.id)).toBe(ben.me.id)
    expect(ben.room.ledger.invalid()).toBeGreaterThan(0)
  })

  it('refuses a revocation of someone else’s device', async () => {
    const { phone, laptop, ben } = await anaWithLaptop()
    const { id } = expectOk(await c.invite(laptop.room, 'event', event()))
    await sync(phone, laptop, ben)
    await inject(ben, await forgeNext(ben, ben.me, { t: 'dev', op: 'revoke', p: phone.me.id, d: laptop.me.id, keep: [], by: ben.me.id }))
    expect(ben.room.devicesOf(phone.me.id).find((d) => d.device === laptop.me.id)?.revoked).toBe(false)
    expect((await c.revokeDevice(ben.room, laptop.me.id)).ok).toBe(false)
    expect(ben.room.invitation(id)!.hosts).toEqual([phone.me.id])
  })

  it('does not count what a revoked phone signs after its revocation, and keeps what it signed before', async () => {
    const { phone, laptop, ben } = await anaWithLaptop()
    const { id } = expectOk(await c.invite(phone.room, 'event', event()))
    await sync(phone, laptop, ben)
    // the phone is lost: from the laptop, Ana revokes it
    expectOk(await c.revokeDevice(laptop.room, phone.me.id))
    await sync(laptop, ben)
    // whoever holds the phone now signs on its chain, as its own client would
    await inject(ben, await forgeNext(ben, phone.me, { t: 'inv', id, v: 2, op: 'edit', kind: 'event', c: event({ title: 'Cancelled! Go home' }), by: phone.me.id }))
    const v = ben.room.invitation(id)!
    expect(v.content.title).toBe('Potluck')
    expect(v.hosts).toEqual([phone.me.id])
    expect(ben.room.personOf(phone.me.id)).toBe(phone.me.id)
    expect(ben.room.devicesOf(phone.me.id).find((d) => d.device === phone.me.id)?.revoked).toBe(true)
    // the laptop is still Ana, and still hosts
    expect(ben.room.personOf(laptop.me.id)).toBe(phone.me.id)
    expectOk(await c.edit(laptop.room, id, event({ title: 'Potluck, still on' })))
    await sync(laptop, ben)
    expect(ben.room.invitation(id)!.content.title).toBe('Potluck, still on')
  })

  it('does not let a revoked phone link a new device, nor revoke the laptop that revoked it', async () => {
    const { phone, laptop, ben } = await anaWithLaptop()
    expectOk(await c.revokeDevice(laptop.room, phone.me.id))
    await sync(laptop, ben)
    const thief = await createIdentity()
    await inject(ben, await cert(phone.me, phone.me.id, thief))
    expect(ben.room.personOf(thief.id)).toBe(thief.id)
    await inject(ben, await forgeNext(ben, phone.me, { t: 'dev', op: 'revoke', p: phone.me.id, d: laptop.me.id, head: hashOf(ben.room.ledger.chains.head(laptop.me.id)!), keep: [], by: phone.me.id }))
    expect(ben.room.devicesOf(phone.me.id).find((d) => d.device === laptop.me.id)?.revoked).toBe(false)
    expect(ben.room.personOf(laptop.me.id)).toBe(phone.me.id)
  })

  it('judges devices the same whatever order their records arrive in', async () => {
    const { phone, laptop, ben } = await anaWithLaptop()
    expectOk(await c.revokeDevice(laptop.room, phone.me.id))
    await sync(laptop, ben)
    const all = [...ben.room.ledger.records.values()] as HearthRecord[]
    const late = await peer()
    writeEach(late, [...all].reverse())
    await sameDoc(late)
    expect(late.room.personOf(laptop.me.id)).toBe(phone.me.id)
    expect(late.room.devicesOf(phone.me.id)).toEqual(ben.room.devicesOf(phone.me.id))
  })

  it('counts a person’s devices together against one share', async () => {
    const { phone, laptop, ben } = await anaWithLaptop()
    const { id } = expectOk(await c.invite(ben.room, 'event', event()))
    await sync(phone, laptop, ben)
    // 500 answers to one invitation is one person's share: 300 from each device is 100 too many
    const [fromPhone, fromLaptop] = [chainOf(phone.me, 10), chainOf(laptop.me, 10)]
    const list: HearthRecord[] = []
    for (let n = 1; n <= 300; n++) {
      list.push(await fromPhone({ t: 'res', id, n, a: n % 2 ? 'yes' : 'no' }))
      list.push(await fromLaptop({ t: 'res', id, n: 1000 + n, a: 'maybe' }))
    }
    const fresh = await peer()
    writeEach(fresh, [...ben.room.ledger.records.values()] as HearthRecord[])
    writeEach(fresh, list)
    await sameDoc(fresh)
    expect(fresh.room.ledger.quota.over()).toBe(100)
  }, 30_000)

  it('restores a person from a recovery key: a new device it certifies is them again, and revokes the lost phone', async () => {
    const { phone, ben } = await anaWithLaptop()
    const { id } = expectOk(await c.invite(phone.room, 'event', event()))
    // the kit's key is one more device of Ana's, which never signs in a room; its secret half is what the kit holds
    const kit = await createIdentity()
    expect(await c.certify(phone.room, kit.id, await consentTo(kit, phone.me.id))).not.toBeNull()
    await sync(phone, ben)
    // every device lost: a fresh one, certified from the kit, writes that certificate into the room
    const fresh = await peer({ doc: ben.doc })
    const fromKit = await c.certificate(kit, phone.me.id, fresh.me.id, await consentTo(fresh.me, phone.me.id))
    expect(c.writeCertificates(fresh.room, [fromKit])).toBe(true)
    await sameDoc(fresh, ben)
    expect(fresh.room.person()).toBe(phone.me.id)
    expectOk(await c.revokeDevice(fresh.room, phone.me.id))
    await sameDoc(fresh, ben)
    expect(ben.room.devicesOf(phone.me.id).find((d) => d.device === phone.me.id)?.revoked).toBe(true)
    expect(ben.room.personOf(fresh.me.id)).toBe(phone.me.id)
    expectOk(await c.edit(fresh.room, id, event({ title: 'Potluck, after the lost phone' })))
    await sameDoc(ben)
    expect(ben.room.invitation(id)!.content.title).toBe('Potluck, after the lost phone')
    expect(ben.room.invitation(id)!.hosts).toEqual([phone.me.id])
  })
})
