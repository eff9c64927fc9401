import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { newBoxKeys, roomIdFor, type BoxKeys } from '../../../src/crypto/index.ts'
import { createIdentity, type Identity } from '../../../src/identity/index.ts'
import { commands as c, openRoom } from '../../../src/model/index.ts'
import { movedTo, removalOf } from '../../../src/model/views/index.ts'
import { openLockbox } from '../../../src/model/commands/rekey.ts'
import { T0, expectOk, proposal, sync, type Peer } from '../fixtures/model.ts'

const OLD_ID = roomIdFor('consent-room-secret-0123456789abc')
type Member = Peer & { box: BoxKeys }
const member = async (name: string): Promise<Member> => {
  const doc = new Y.Doc(); const clock = { t: T0 }
  const me: Identity = await createIdentity()
  const room = openRoom(doc, me, { now: () => clock.t, roomId: OLD_ID })
  await room.ledger.ready
  const m = { doc, me, room, clock, box: newBoxKeys() }
  expectOk(await c.publishBoxKey(room, m.box.pub, name))
  return m
}

describe('removal: the proposer picks whom it counts', () => {
  it('one member alone removes another and strands everyone else (counts: [])', async () => {
    const people = await Promise.all(['Ana', 'Ben', 'Cai', 'Dan'].map(member))
    await sync(...people)
    const [ana, ben, cai, dan] = people
    // Ana's client writes the proposal with an empty `counts` (same as proposing before she synced anybody)
    const { id } = expectOk(await c.invite(ana.room, 'proposal', { ...proposal({ title: 'Remove Cai' }), remove: cai.me.id, counts: [] }))
    expectOk(await c.close(ana.room, id, 'done'))
    await sync(...people)
    // nobody but Ana agreed; Ben and Dan could not even block: not counted
    expectOk(await c.respond(ben.room, id, { answer: 'block', note: 'no!' }))
    await sync(...people)
    expect(removalOf(dan.room.ledger, id)?.passed).toBe(false)
  })

  it('naming only herself, the proposer still needs another counted person to agree', async () => {
    const people = await Promise.all(['Ana', 'Ben', 'Cai', 'Dan'].map(member))
    await sync(...people)
    const [ana, , cai, dan] = people
    const { id } = expectOk(await c.invite(ana.room, 'proposal', { ...proposal({ title: 'Remove Cai' }), remove: cai.me.id, counts: [ana.me.id] }))
    expectOk(await c.close(ana.room, id, 'done'))
    await sync(...people)
    expect(removalOf(dan.room.ledger, id)).toMatchObject({ passed: false, counted: [ana.me.id] })
  })

  it('...and the re-key then seals to Ana alone, freezing the old room for Ben and Dan', async () => {
    const people = await Promise.all(['Ana', 'Ben', 'Cai', 'Dan'].map(member))
    await sync(...people)
    const [ana, ben, cai, dan] = people
    const { id } = expectOk(await c.invite(ana.room, 'proposal', { ...proposal({ title: 'Remove Cai' }), remove: cai.me.id, counts: [] }))
    expectOk(await c.close(ana.room, id, 'done'))
    const r = await c.rekey(ana.room)
    await sync(...people)
    const moved = movedTo(dan.room.ledger, OLD_ID)
    const stranded = moved !== null && openLockbox(dan.room, dan.box) === null && openLockbox(ben.room, ben.box) === null
    expect({ rekeyOk: r.ok, stranded }).toEqual({ rekeyOk: false, stranded: false })
  })
})
