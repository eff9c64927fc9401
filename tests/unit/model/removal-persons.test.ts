import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { newBoxKeys, roomIdFor, type BoxKeys } from '../../../src/crypto/index.ts'
import { consentTo, createIdentity } from '../../../src/identity/index.ts'
import { commands as c, openRoom } from '../../../src/model/index.ts'
import { boxFor } from '../../../src/model/records/index.ts'
import { movedTo, removalOf } from '../../../src/model/views/index.ts'
import { T0, expectOk, proposal, sync, type Peer } from '../fixtures/model.ts'

const ROOM = roomIdFor('person-room-secret-0123456789abcd')
type Member = Peer & { box: BoxKeys }

const member = async (name: string): Promise<Member> => {
  const doc = new Y.Doc()
  const clock = { t: T0 }
  const me = await createIdentity()
  const room = openRoom(doc, me, { now: () => clock.t, roomId: ROOM })
  await room.ledger.ready
  const m = { doc, me, room, clock, box: newBoxKeys() }
  expectOk(await c.publishBoxKey(room, m.box.pub, name))
  return m
}

/** Ana, Ben, Dan, and Cai on his phone and his laptop (one person), each device with its lockbox key. */
const room = async () => {
  const [ana, ben, dan, cai, caiLaptop] = await Promise.all(['Ana', 'Ben', 'Dan', 'Cai', 'Cai'].map(member))
  expect(await c.certify(cai.room, caiLaptop.me.id, await consentTo(caiLaptop.me, cai.me.id))).not.toBeNull()
  const all = [ana, ben, dan, cai, caiLaptop]
  await sync(...all)
  expect(ben.room.personOf(caiLaptop.me.id)).toBe(cai.me.id)
  return { ana, ben, dan, cai, caiLaptop, all }
}

describe('removal compares people, not devices', () => {
  it("passes although the removed person's other device blocks, and the re-key seals nothing to any of their devices", async () => {
    const { ana, ben, dan, caiLaptop, cai, all } = await room()
    const { id } = expectOk(await c.proposeRemoval(ana.room, cai.me.id, proposal({ title: 'Remove Cai' })))
    await sync(...all)
    expectOk(await c.respond(ben.room, id, { answer: 'agree' }))
    expectOk(await c.respond(dan.room, id, { answer: 'agree' }))
    expectOk(await c.respond(caiLaptop.room, id, { answer: 'block', note: 'I want to stay' }))
    await sync(...all)
    expectOk(await c.close(ana.room, id, 'Cai is removed'))
    await sync(...all)
    expect(removalOf(ben.room.ledger, id)?.passed).toBe(true)

    const rekeyed = await c.rekey(ben.room)
    if (!rekeyed.ok) throw new Error(JSON.stringify(rekeyed))
    await sync(...all)
    for (const d of [cai, caiLaptop]) expect(boxFor(rekeyed.record, d.me.id)).toBeUndefined()
    expect(boxFor(rekeyed.record, dan.me.id)).toBeDefined()
    expect(movedTo(dan.room.ledger, ROOM)?.room).toBe(rekeyed.id)
  })

  it("doesn't let his other device propose his removal; named by any of his devices, it removes all of them", async () => {
    const { ana, ben, caiLaptop, cai, all } = await room()
    expect(await c.proposeRemoval(caiLaptop.room, cai.me.id, proposal({ title: 'Remove me' }))).toMatchObject({ ok: false })
    const { id } = expectOk(await c.proposeRemoval(ana.room, caiLaptop.me.id, proposal({ title: 'Remove Cai' })))
    await sync(...all)
    expectOk(await c.respond(ben.room, id, { answer: 'agree' }))
    expectOk(await c.respond(cai.room, id, { answer: 'block', note: 'No' }))
    await sync(...all)
    expectOk(await c.close(ana.room, id, 'Cai is removed'))
    await sync(...all)
    expect(removalOf(ben.room.ledger, id)?.passed).toBe(true)
    expect(await c.rekey(cai.room)).toMatchObject({ ok: false })
    const rekeyed = await c.rekey(ben.room)
    if (!rekeyed.ok) throw new Error(JSON.stringify(rekeyed))
    for (const d of [cai, caiLaptop]) expect(boxFor(rekeyed.record, d.me.id)).toBeUndefined()
  })
})
