import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { newBoxKeys, roomIdFor, type BoxKeys } from '../../../src/crypto/index.ts'
import { consentTo, createIdentity, type Identity } from '../../../src/identity/index.ts'
import { commands as c, openRoom } from '../../../src/model/index.ts'
import { removalOf } from '../../../src/model/views/index.ts'
import { T0, expectOk, proposal, sync, type Peer } from '../fixtures/model.ts'

const OLD_ID = roomIdFor('consent-room-secret-0123456789abc')
type Member = Peer & { box: BoxKeys }
const member = async (name: string, doc = new Y.Doc(), box = true): Promise<Member> => {
  const clock = { t: T0 }
  const me: Identity = await createIdentity()
  const room = openRoom(doc, me, { now: () => clock.t, roomId: OLD_ID })
  await room.ledger.ready
  const m = { doc, me, room, clock, box: newBoxKeys() }
  if (box) expectOk(await c.publishBoxKey(room, m.box.pub, name))
  return m
}

describe("a removal closed by a revoked device", () => {
  it('a phone revoked before it closes can\'t pass the removal it proposed past a block it never names', async () => {
    const people = await Promise.all(['Ana', 'Ben', 'Cai', 'Dan'].map((n) => member(n)))
    const [ana, ben, cai, dan] = people
    const laptop = await member('Ana', new Y.Doc(), true)
    expect(await c.certify(ana.room, laptop.me.id, await consentTo(laptop.me, ana.me.id))).not.toBeNull()
    await sync(...people, laptop)
    const { id } = expectOk(await c.proposeRemoval(ana.room, cai.me.id, proposal({ title: 'Remove Cai' })))
    await sync(...people, laptop)
    expectOk(await c.respond(ben.room, id, { answer: 'agree' }))
    await sync(ana, ben)
    expectOk(await c.respond(dan.room, id, { answer: 'block', note: 'no' }))
    await sync(ben, cai, dan, laptop)
    // phone stolen; Ana revokes it from her laptop; everyone but the phone sees it
    expectOk(await c.revokeDevice(laptop.room, ana.me.id))
    await sync(ben, cai, dan, laptop)
    console.log('new before', removalOf(dan.room.ledger, id)?.passed)
    // the thief closes on the phone, which never took Dan's block
    const r = await c.close(ana.room, id, 'done')
    await sync(...people, laptop)
    const passed = removalOf(dan.room.ledger, id)?.passed
    console.log('new close', r.ok, 'passed', passed)
    expect(passed).toBe(false)
  })
})
