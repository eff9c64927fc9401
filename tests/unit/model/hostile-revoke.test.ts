import { describe, expect, it } from 'vitest'
import { consentTo, createIdentity, type Identity } from '../../../src/identity/index.ts'
import { commands as c, type HearthRecord } from '../../../src/model/index.ts'
import { certRef, hashOf } from '../../../src/model/records/index.ts'
import { event, expectOk, forge, forgeNext, inject, peer, settle, sync, writeEach, type Peer } from '../fixtures/model.ts'

/** Ana on her phone in a room with Ben, her laptop linked; the phone also made a recovery kit. */
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
/**
 * A revocation as a thief's own client would sign it on `by`'s chain; `cut` names the revoked device's head it claims
 * to hold; it keeps the signer's own certificate (else the signer, linked by the device it revokes, goes with it).
 */
const revocation = (p: Peer, by: Identity, person: string, d: string, cut?: HearthRecord) =>
  forgeNext(p, by, {
    t: 'dev', op: 'revoke', p: person, d, head: cut && hashOf(cut), by: by.id,
    keep: c.certificatesOf(p.room, by.id).filter((x) => x.d === by.id && x.by === d).map(certRef),
  })
/** A fresh device certified by the kit, in the room `p` is in. */
const recover = async (p: Peer, kit: Identity, person: string) => {
  const fresh = await peer({ doc: p.doc })
  expect(c.writeCertificates(fresh.room, [await c.certificate(kit, person, fresh.me.id, await consentTo(fresh.me, person))])).toBe(true)
  await sync(fresh)
  return fresh
}

describe('a revocation’s cut is causal, not the revoker’s word', () => {
  it('a stolen laptop can’t erase what the phone did that the laptop had acknowledged, by revoking it from the start', async () => {
    const { phone, laptop, ben } = await ana()
    const { id } = expectOk(await c.invite(phone.room, 'event', event()))
    expectOk(await c.describeRoom(phone.room, 'Ana’s circle', ''))
    await sync(phone, laptop, ben)
    // the laptop renames the room after the phone's name: its chain names the phone's record
    expectOk(await c.describeRoom(laptop.room, 'Ana’s garden circle', ''))
    await sync(phone, laptop, ben)
    // stolen: the laptop revokes the phone claiming to have held none of its records
    await inject(ben, await revocation(ben, laptop.me, phone.me.id, phone.me.id))
    expect(revoked(ben, phone.me.id, phone.me.id)).toBe(true)
    expect(ben.room.invitation(id)?.hosts).toEqual([phone.me.id])
  })

  it('counts a revocation only at a real record of the revoked device: a made-up head, or an old number, cuts nothing', async () => {
    const { phone, laptop, ben } = await ana()
    const { id } = expectOk(await c.invite(phone.room, 'event', event()))
    await sync(phone, laptop, ben)
    const made = await forge(laptop.me, { t: 'mem', n: 99, name: 'x', by: laptop.me.id, seq: 1 })
    await inject(ben, await revocation(ben, laptop.me, phone.me.id, phone.me.id, made))
    await inject(ben, await forgeNext(ben, laptop.me, { t: 'dev', op: 'revoke', p: phone.me.id, d: phone.me.id, upto: 0, keep: [], by: laptop.me.id }))
    expect(revoked(ben, phone.me.id, phone.me.id)).toBe(false)
    expect(ben.room.invitation(id)?.hosts).toEqual([phone.me.id])
  })

  it('the command names the head it holds; the kit can undo a stolen laptop’s revocation by revoking it from before', async () => {
    const { phone, laptop, ben, kit } = await ana()
    const { id } = expectOk(await c.invite(phone.room, 'event', event()))
    await sync(phone, laptop, ben)
    const first = ben.room.ledger.chains.head(phone.me.id)!
    expectOk(await c.edit(phone.room, id, event({ title: 'Potluck at noon' })))
    await sync(phone, ben)
    // the thief revokes the phone naming its record from before the edit: the edit no longer counts
    const theft = await revocation(ben, laptop.me, phone.me.id, phone.me.id, first)
    await inject(ben, theft)
    expect(ben.room.invitation(id)!.content.title).toBe('Potluck')
    // Ana, with her kit, revokes the laptop from before its revocation: the phone and its edit are back
    const fresh = await recover(ben, kit, phone.me.id)
    await sync(fresh, ben)
    expectOk(await c.revokeDevice(fresh.room, laptop.me.id, { before: theft, as: kit }))
    await sync(fresh, ben)
    expect(revoked(ben, phone.me.id, laptop.me.id)).toBe(true)
    expect(revoked(ben, phone.me.id, phone.me.id)).toBe(false)
    expect(ben.room.invitation(id)!.content.title).toBe('Potluck at noon')
  })

  it('an honest revocation names the phone’s head: what the phone signed before still counts, what it signs after does not', async () => {
    const { phone, laptop, ben } = await ana()
    const { id } = expectOk(await c.invite(phone.room, 'event', event()))
    expectOk(await c.edit(phone.room, id, event({ title: 'Potluck at noon' })))
    await sync(phone, laptop, ben)
    expectOk(await c.revokeDevice(laptop.room, phone.me.id))
    await sync(laptop, ben)
    const r = [...ben.room.ledger.records.values()].find((x) => (x as HearthRecord).t === 'dev' && (x as { op: string }).op === 'revoke') as { head?: string }
    expect(r.head).toBe(hashOf(ben.room.ledger.chains.head(phone.me.id)!))
    await inject(ben, await forgeNext(ben, phone.me, { t: 'inv', id, v: 3, op: 'edit', kind: 'event', c: event({ title: 'Go home' }), by: phone.me.id }))
    expect(ben.room.invitation(id)!.content.title).toBe('Potluck at noon')
  })
  it('a revocation that arrives before the record it names waits for it, then cuts there, whatever the order', async () => {
    const { phone, laptop, ben } = await ana()
    const { id } = expectOk(await c.invite(phone.room, 'event', event()))
    expectOk(await c.edit(phone.room, id, event({ title: 'Potluck at noon' })))
    await sync(phone, laptop, ben)
    expectOk(await c.revokeDevice(laptop.room, phone.me.id))
    await sync(laptop, ben)
    const thief = await forgeNext(ben, phone.me, { t: 'inv', id, v: 3, op: 'edit', kind: 'event', c: event({ title: 'Go home' }), by: phone.me.id })
    const all = [...ben.room.ledger.records.values(), thief] as HearthRecord[]
    const isRevocation = (r: HearthRecord) => r.t === 'dev' && r.op === 'revoke'
    for (const order of [[...all.filter(isRevocation), ...all.filter((r) => !isRevocation(r))], [...all].reverse()]) {
      const late = await peer()
      for (const r of order) writeEach(late, [r]), await settle(late)
      expect(revoked(late, phone.me.id, phone.me.id)).toBe(true)
      expect(late.room.invitation(id)!.content.title).toBe('Potluck at noon')
      expect(late.room.devicesOf(phone.me.id)).toEqual(ben.room.devicesOf(phone.me.id))
    }
  })
})

describe('a recovery kit is revoked only by a kit', () => {
  it('a stolen laptop can’t revoke the kit, directly or through the phone that made it: Ana recovers with it', async () => {
    const { phone, laptop, ben, kit } = await ana()
    const { id } = expectOk(await c.invite(phone.room, 'event', event()))
    await sync(phone, laptop, ben)
    await inject(ben, await revocation(ben, laptop.me, phone.me.id, kit.id))
    await inject(ben, await revocation(ben, laptop.me, phone.me.id, phone.me.id, ben.room.ledger.chains.head(phone.me.id)))
    expect(revoked(ben, phone.me.id, kit.id)).toBe(false)
    const fresh = await recover(ben, kit, phone.me.id)
    expect(fresh.room.person()).toBe(phone.me.id)
    expectOk(await c.revokeDevice(fresh.room, laptop.me.id))
    expectOk(await c.edit(fresh.room, id, event({ title: 'Potluck, recovered' })))
    await sync(fresh, ben)
    expect(revoked(ben, phone.me.id, laptop.me.id)).toBe(true)
    expect(ben.room.personOf(fresh.me.id)).toBe(phone.me.id)
    expect(ben.room.invitation(id)!.content.title).toBe('Potluck, recovered')
  })

  it('a newer kit made from a device doesn’t revoke the old one; a kit made from the old kit does', async () => {
    const { phone, laptop, ben, kit } = await ana()
    const stolen = await createIdentity()
    expect(await c.certify(laptop.room, stolen.id, await consentTo(stolen, phone.me.id), { kit: true })).not.toBeNull()
    await sync(laptop, ben)
    await inject(ben, await revocation(ben, stolen, phone.me.id, kit.id))
    expect(revoked(ben, phone.me.id, kit.id)).toBe(false)
    const next = await createIdentity()
    const cert = await c.certificate(kit, phone.me.id, next.id, await consentTo(next, phone.me.id), undefined, { kit: true })
    expect(c.writeCertificates(ben.room, [cert])).toBe(true)
    await sync(ben)
    await inject(ben, await revocation(ben, next, phone.me.id, kit.id))
    expect(revoked(ben, phone.me.id, kit.id)).toBe(true)
    expect(revoked(ben, phone.me.id, next.id)).toBe(false)
  })
})

describe('two devices that revoke each other unseen', () => {
  it('are both revoked, and the kit brings back the one that was Ana’s', async () => {
    const { phone, laptop, ben, kit } = await ana()
    const { id } = expectOk(await c.invite(phone.room, 'event', event()))
    await sync(phone, laptop, ben)
    const [byPhone, byLaptop] = [
      await revocation(ben, phone.me, phone.me.id, laptop.me.id, ben.room.ledger.chains.head(laptop.me.id)),
      await revocation(ben, laptop.me, phone.me.id, phone.me.id, ben.room.ledger.chains.head(phone.me.id)),
    ]
    await inject(ben, byPhone, byLaptop)
    expect(revoked(ben, phone.me.id, phone.me.id)).toBe(true)
    expect(revoked(ben, phone.me.id, laptop.me.id)).toBe(true)
    // the kit revokes the laptop from before its revocation: the phone's revocation of it stands alone
    const fresh = await recover(ben, kit, phone.me.id)
    expectOk(await c.revokeDevice(fresh.room, laptop.me.id, { before: byLaptop, as: kit }))
    await sync(fresh, ben)
    expect(revoked(ben, phone.me.id, phone.me.id)).toBe(false)
    expect(revoked(ben, phone.me.id, laptop.me.id)).toBe(true)
    expect(ben.room.invitation(id)!.hosts).toEqual([phone.me.id])
    expect(ben.room.personOf(fresh.me.id)).toBe(phone.me.id)
  })

  it('the kit pasted on the phone itself brings it back', async () => {
    const { phone, laptop, ben, kit } = await ana()
    await sync(phone, laptop, ben)
    await inject(ben,
      await revocation(ben, phone.me, phone.me.id, laptop.me.id, ben.room.ledger.chains.head(laptop.me.id)),
      await revocation(ben, laptop.me, phone.me.id, phone.me.id, ben.room.ledger.chains.head(phone.me.id)))
    await sync(phone, ben)
    expect(revoked(phone, phone.me.id, phone.me.id)).toBe(true)
    expect((await c.restoreWithKit(phone.room, kit)).every((r) => r.ok)).toBe(true)
    await sync(phone, ben)
    expect(revoked(ben, phone.me.id, phone.me.id)).toBe(false)
    expect(revoked(ben, phone.me.id, laptop.me.id)).toBe(true)
    expectOk(await c.setName(phone.room, 'Ana again'))
    await sync(phone, ben)
    expect(ben.room.nameOf(phone.me.id)).toBe('Ana again')
  })
})

describe('a person’s word on a need, from two devices', () => {
  it('a claim on the phone then a hand-back on the laptop: the hand-back stands, whatever the two clocks say', async () => {
    const { phone, laptop, ben } = await ana()
    const need = 'notes001'
    const { id } = expectOk(await c.invite(ben.room, 'event', event({ needs: [{ id: need, what: 'Take notes', n: 1 }] })))
    await sync(phone, laptop, ben)
    // the phone's clock runs hours ahead: its records' seq is far past the laptop's
    phone.clock.t += 10 * 3_600_000
    expectOk(await c.claim(phone.room, id, need))
    await sync(phone, laptop, ben)
    expect(ben.room.needs(id)[0].claims.map((x) => x.member)).toEqual([phone.me.id])
    expectOk(await c.handBack(laptop.room, id, need))
    await sync(phone, laptop, ben)
    for (const p of [phone, laptop, ben]) expect(p.room.needs(id)[0].claims).toEqual([])
    // and Ana can step up again, from either device
    expectOk(await c.claim(laptop.room, id, need))
    await sync(phone, laptop, ben)
    expect(ben.room.needs(id)[0].claims.map((x) => x.member)).toEqual([phone.me.id])
  })
})
