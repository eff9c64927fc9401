import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { newBoxKeys, roomIdFor, type BoxKeys } from '../../../src/crypto/index.ts'
import { consentTo, createIdentity, type Identity } from '../../../src/identity/index.ts'
import { commands as c, openRoom } from '../../../src/model/index.ts'
import { movedTo } from '../../../src/model/views/index.ts'
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

describe('a re-key by a device revoked before the proposal', () => {
  it('a device revoked before the removal was proposed can\'t re-key it (a thief would hold the new secret)', async () => {
    const people = await Promise.all(['Ana', 'Ben', 'Cai', 'Dan'].map((n) => member(n)))
    const [ana, ben, cai, dan] = people
    const laptop = await member('Ben', new Y.Doc())
    expect(await c.certify(ben.room, laptop.me.id, await consentTo(laptop.me, ben.me.id))).not.toBeNull()
    await sync(...people, laptop)
    expectOk(await c.revokeDevice(laptop.room, ben.me.id))
    await sync(ana, cai, dan, laptop)
    const { id } = expectOk(await c.proposeRemoval(ana.room, cai.me.id, proposal({ title: 'Remove Cai' })))
    await sync(ana, cai, dan, laptop)
    expectOk(await c.respond(laptop.room, id, { answer: 'agree' }))
    expectOk(await c.respond(dan.room, id, { answer: 'agree' }))
    await sync(ana, cai, dan, laptop)
    expectOk(await c.close(ana.room, id, 'Cai is removed'))
    await sync(...people, laptop)
    // the lost phone, still holding the old room, re-keys to a secret its thief knows
    const stolen = await c.rekey(ben.room)
    await sync(...people, laptop)
    expect(stolen.ok && movedTo(dan.room.ledger, OLD_ID)?.room === stolen.id).toBe(false)
    const r = await c.rekey(dan.room)
    if (!r.ok) throw new Error(JSON.stringify(r))
    await sync(...people, laptop)
    expect(movedTo(ana.room.ledger, OLD_ID)?.room).toBe(r.id)
  })
})
