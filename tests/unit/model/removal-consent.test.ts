import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { newBoxKeys, roomIdFor, sealBoxes, type BoxKeys } from '../../../src/crypto/index.ts'
import { consentTo, createIdentity, type Identity } from '../../../src/identity/index.ts'
import { commands as c, openRoom, recordKey, type HearthRecord, type RekeyRecord } from '../../../src/model/index.ts'
import { boxContext, hashOf } from '../../../src/model/records/index.ts'
import { movedTo, removalOf } from '../../../src/model/views/index.ts'
import { T0, expectOk, forge, proposal, sync, type Peer } from '../fixtures/model.ts'

const OLD_ID = roomIdFor('consent-room-secret-0123456789abc')

type Member = Peer & { box: BoxKeys; name: string }

const member = async (name: string, roomId = OLD_ID, me?: Identity, box?: BoxKeys): Promise<Member> => {
  const doc = new Y.Doc()
  const clock = { t: T0 }
  me ??= await createIdentity()
  const room = openRoom(doc, me, { now: () => clock.t, roomId })
  await room.ledger.ready
  const m = { doc, me, room, clock, box: box ?? newBoxKeys(), name }
  if (roomId === OLD_ID) expectOk(await c.publishBoxKey(room, m.box.pub, name))
  return m
}

const gather = async (...names: string[]) => {
  const people = await Promise.all(names.map((n) => member(n)))
  await sync(...people)
  return people
}

const write = async (p: Peer, ...records: HearthRecord[]) => {
  p.doc.transact(() => records.forEach((r) => p.doc.getMap('records').set(recordKey(r), r)))
  await p.room.ledger.settled()
}

const agree = async (p: Member, id: string) => expectOk(await c.respond(p.room, id, { answer: 'agree' }))

/** Ana proposes removing Cai; Ben and Dan agree; Ana closes it. */
const removeCai = async (people: Member[]) => {
  const [ana, ben, cai, dan] = people
  const { id } = expectOk(await c.proposeRemoval(ana.room, cai.me.id, proposal({ title: 'Remove Cai' })))
  await sync(...people)
  await agree(ben, id)
  await agree(dan, id)
  await sync(...people)
  expectOk(await c.close(ana.room, id, 'Cai is removed'))
  await sync(...people)
  return id
}

/** A re-key signed by hand on `signer`'s chain as `p` knows it, with real boxes sealed to `to` (a hostile client's). */
const sealedRekey = async (p: Member, signer: Identity, removal: string, gone: string, to: Member[], extra: Record<string, unknown> = {}) => {
  const secret = `secret-${Math.random().toString(36).slice(2)}-0123456789`
  const head = p.room.ledger.chains.head(signer.id)
  const at = { from: OLD_ID, room: roomIdFor(secret), removal }
  const { e, boxes } = sealBoxes(secret, to.map((m) => ({ member: m.me.id, pub: m.box.pub })), (m) => boxContext(at, m))
  return forge(signer, {
    t: 'rekey', by: signer.id, seq: (head?.seq ?? 0) + 1, prev: head && hashOf(head), ...at, gone, cut: 0, e,
    boxes: [...boxes].map(([m, b]) => `${m}:${b}`).sort(), ...extra,
  }) as Promise<RekeyRecord & HearthRecord>
}

describe('sock puppets: only the people a removal names count', () => {
  it('a key made after the proposal cannot agree it through', async () => {
    const people = await gather('Ana', 'Ben', 'Cai', 'Dan')
    const [ana, , cai] = people
    const { id } = expectOk(await c.proposeRemoval(ana.room, cai.me.id, proposal({ title: 'Remove Cai' })))
    // Ana makes a second key, gives it a name and a lockbox key, and has it agree
    const puppet = await member('Pat')
    await sync(puppet, ...people)
    await agree(puppet, id)
    await agree(ana, id)
    await sync(puppet, ...people)
    expectOk(await c.close(ana.room, id, 'Cai is removed'))
    await sync(puppet, ...people)
    for (const p of people) expect(removalOf(p.room.ledger, id)?.passed).toBe(false)
    expect(await c.rekey(ana.room)).toMatchObject({ ok: false, error: { code: 'no-removal-passed' } })
  })

  it('needs more than half of the people it names, the one removed aside; the proposer counts as agreeing', async () => {
    const people = await gather('Ana', 'Ben', 'Cai', 'Dan', 'Eve')
    const [ana, ben, cai, dan, eve] = people
    const { id } = expectOk(await c.proposeRemoval(ana.room, cai.me.id, proposal({ title: 'Remove Cai' })))
    await sync(...people)
    await agree(ben, id)
    await sync(...people)
    expectOk(await c.close(ana.room, id, 'Cai is removed'))
    await sync(...people)
    // Ana and Ben are two of four: not more than half
    expect(removalOf(dan.room.ledger, id)).toMatchObject({ passed: false })
    expect(new Set(removalOf(dan.room.ledger, id)?.counted)).toEqual(new Set([ana, ben, dan, eve].map((p) => p.me.id)))

    const again = expectOk(await c.proposeRemoval(ana.room, cai.me.id, proposal({ title: 'Remove Cai, again' }))).id
    await sync(...people)
    await agree(ben, again)
    await agree(eve, again)
    await sync(...people)
    expectOk(await c.close(ana.room, again, 'Cai is removed'))
    await sync(...people)
    expect(removalOf(dan.room.ledger, again)?.passed).toBe(true)
  })

  it('a block by a named person stops it; a block by a key it does not name does not', async () => {
    const people = await gather('Ana', 'Ben', 'Cai', 'Dan')
    const [ana, ben, cai, dan] = people
    const { id } = expectOk(await c.proposeRemoval(ana.room, cai.me.id, proposal({ title: 'Remove Cai' })))
    // Cai's own second key, made after, blocks: it is nobody the removal counts
    const caiPuppet = await member('Cai too')
    await sync(caiPuppet, ...people)
    expectOk(await c.respond(caiPuppet.room, id, { answer: 'block', note: 'No' }))
    await agree(ben, id)
    await agree(dan, id)
    await sync(caiPuppet, ...people)
    expectOk(await c.close(ana.room, id, 'Cai is removed'))
    await sync(caiPuppet, ...people)
    expect(removalOf(ben.room.ledger, id)?.passed).toBe(true)
  })

  it('shows whom it counts: a puppet the proposer named is there to be seen', async () => {
    const people = await gather('Ana', 'Ben', 'Cai', 'Dan')
    const [ana, , cai] = people
    const puppet = await member('Pat')
    await sync(puppet, ...people)
    const { id } = expectOk(await c.proposeRemoval(ana.room, cai.me.id, proposal({ title: 'Remove Cai' })))
    await sync(puppet, ...people)
    expect(removalOf(people[1].room.ledger, id)?.counted).toContain(puppet.me.id)
    expect(removalOf(people[1].room.ledger, id)?.counted).not.toContain(cai.me.id)
  })
})

describe('time: a removal is decided by what its close saw, never by a clock', () => {
  it('passes as soon as the majority agreed and its host closed it, long before its closing time', async () => {
    const people = await gather('Ana', 'Ben', 'Cai', 'Dan')
    const id = await removeCai(people)
    expect((people[0].room.invitation(id)?.content as { closesAt: number }).closesAt).toBeGreaterThan(T0 + 24 * 3_600_000)
    for (const p of people) expect(removalOf(p.room.ledger, id)?.passed).toBe(true)
  })

  it('a block the close did not see does not count, whatever time it claims', async () => {
    const people = await gather('Ana', 'Ben', 'Cai', 'Dan')
    const [ana, ben, cai, dan] = people
    const { id } = expectOk(await c.proposeRemoval(ana.room, cai.me.id, proposal({ title: 'Remove Cai' })))
    await sync(...people)
    await agree(ben, id)
    await sync(...people)
    expectOk(await c.close(ana.room, id, 'Cai is removed'))
    // Dan blocks after the close, claiming a time before the proposal was even made
    dan.clock.t = T0 - 3_600_000
    expectOk(await c.respond(dan.room, id, { answer: 'block', note: 'Too fast' }))
    await sync(...people)
    for (const p of people) expect(removalOf(p.room.ledger, id)?.passed).toBe(true)
  })
})

describe('the re-key that wins', () => {
  it('does not go to whoever grinds their signature: only a person’s first re-key counts, ranked by a hash they can’t choose', async () => {
    const people = await gather('Ana', 'Ben', 'Cai', 'Dan')
    const [ana, ben, cai, dan] = people
    const id = await removeCai(people)
    const d = await c.rekey(dan.room)
    const b = await c.rekey(ben.room)
    if (!d.ok || !b.ok) throw new Error('re-key failed')
    await sync(...people)
    const before = movedTo(ana.room.ledger, OLD_ID)?.room
    expect([d.id, b.id]).toContain(before)
    // whoever lost re-signs re-keys until one has a signature lower than every other
    const loser = before === d.id ? ben : dan
    const lowest = [d.record.sig, b.record.sig].sort()[0]
    let ground: HearthRecord | undefined
    for (let i = 0; i < 64 && !ground; i++) {
      const r = await sealedRekey(loser, loser.me, id, cai.me.id, [ana, ben, dan])
      if (r.sig < lowest) ground = r
    }
    await write(loser, ground!)
    await sync(...people)
    for (const p of people) expect(movedTo(p.room.ledger, OLD_ID)?.room).toBe(before)
  })
})

describe('boxes: a re-key counts only if it seals to every remaining person', () => {
  it('a re-key that leaves Dan out moves nobody, and bars nobody in the room it names', async () => {
    const people = await gather('Ana', 'Ben', 'Cai', 'Dan')
    const [ana, ben, cai, dan] = people
    const id = await removeCai(people)
    const left = await sealedRekey(ben, ben.me, id, cai.me.id, [ana, ben])
    await write(ben, left)
    await sync(...people)
    for (const p of people) expect(movedTo(p.room.ledger, OLD_ID)).toBe(null)
    // opened as the room it names, with the history, Cai's records still count there
    const there = await member('Ana', (left as RekeyRecord).room, ana.me, ana.box)
    c.carryHistory(ana.room, there.room)
    await there.room.ledger.settled()
    expect(there.room.nameOf(cai.me.id)).toBe('Cai')
    // and Ben's second try, with every box, is not his first
    await write(ben, await sealedRekey(ben, ben.me, id, cai.me.id, [ana, ben, dan]))
    await sync(...people)
    expect(movedTo(dan.room.ledger, OLD_ID)).toBe(null)
    const r = await c.rekey(dan.room)
    if (!r.ok) throw new Error(JSON.stringify(r))
    await sync(...people)
    for (const p of people) expect(movedTo(p.room.ledger, OLD_ID)?.room).toBe(r.id)
  })

  it('a re-key that seals a box to someone the removal does not count moves nobody', async () => {
    const people = await gather('Ana', 'Ben', 'Cai', 'Dan')
    const [ana, ben, cai, dan] = people
    const id = await removeCai(people)
    const friend = await member('Cai’s friend')
    await sync(friend, ...people)
    await write(ben, await sealedRekey(ben, ben.me, id, cai.me.id, [ana, ben, dan, friend]))
    await sync(...people)
    expect(movedTo(ana.room.ledger, OLD_ID)).toBe(null)
  })
})

describe('what a re-key counts by is fixed', () => {
  it('a device that joins after the move does not undo it; a re-key that would bar someone else counts nowhere', async () => {
    const people = await gather('Ana', 'Ben', 'Cai', 'Dan')
    const [ana, ben, cai, dan] = people
    const id = await removeCai(people)
    // Ben's re-key also names Dan's device among Cai's, to bar him in the new room
    await write(ben, await sealedRekey(ben, ben.me, id, cai.me.id, [ana, ben, dan], { cuts: [`${dan.me.id}:0`] }))
    await sync(...people)
    expect(movedTo(ana.room.ledger, OLD_ID)).toBe(null)
    const r = await c.rekey(ana.room)
    if (!r.ok) throw new Error(JSON.stringify(r))
    await sync(...people)
    const laptop = await member('Dan')
    expect(await c.certify(dan.room, laptop.me.id, await consentTo(laptop.me, dan.me.id))).not.toBeNull()
    await sync(laptop, ...people)
    for (const p of [...people, laptop]) expect(movedTo(p.room.ledger, OLD_ID)?.room).toBe(r.id)
  })
})

describe('the new room bars the whole removed person', () => {
  it('every device of theirs, and any they certify later', async () => {
    const people = await gather('Ana', 'Ben', 'Cai', 'Dan')
    const [ana, ben, cai, dan] = people
    const laptop = await member('Cai')
    expect(await c.certify(cai.room, laptop.me.id, await consentTo(laptop.me, cai.me.id))).not.toBeNull()
    const all = [...people, laptop]
    await sync(...all)
    const id = expectOk(await c.proposeRemoval(ana.room, cai.me.id, proposal({ title: 'Remove Cai' }))).id
    await sync(...all)
    await agree(ben, id)
    await agree(dan, id)
    await sync(...all)
    expectOk(await c.close(ana.room, id, 'Cai is removed'))
    await sync(...all)
    const r = await c.rekey(ben.room)
    if (!r.ok) throw new Error(JSON.stringify(r))
    await sync(...all)
    const fresh = await member('Ben', r.id, ben.me, ben.box)
    c.carryHistory(ben.room, fresh.room)
    await fresh.room.ledger.settled()
    // Cai got the new secret from someone: his laptop writes on, and he certifies a new phone there
    const gig = await forge(laptop.me, { t: 'inv', op: 'create', kind: 'project', v: 1, by: laptop.me.id, ...(await nextOf(fresh, laptop.me)), ...(await projectBody(laptop.me.id)) })
    await write(fresh, gig)
    const phone = await createIdentity()
    const cert = await forge(cai.me, { t: 'dev', op: 'add', p: cai.me.id, d: phone.id, ds: await consentTo(phone, cai.me.id), by: cai.me.id })
    const named = await forge(phone, { t: 'mem', by: phone.id, n: 1, name: 'Not Cai', seq: 1 })
    await write(fresh, cert, named)
    expect(fresh.room.invitations().map((v) => v.content.title)).not.toContain('Laptop gig')
    expect(fresh.room.ledger.members.has(phone.id)).toBe(false)
    // what the laptop wrote before the re-key still stands
    expect(fresh.room.nameOf(laptop.me.id)).toBe('Cai')
  })
})

const nextOf = async (p: Peer, signer: Identity) => {
  const head = p.room.ledger.chains.head(signer.id)
  return { seq: (head?.seq ?? 0) + 1, prev: head && hashOf(head) }
}

const projectBody = async (by: string) => {
  const { inviteId } = await import('../../../src/model/records/ids.ts')
  const nonce = 'n0nce-laptop-gig-1234'
  return { id: inviteId(by, nonce, true), nonce, c: { title: 'Laptop gig', text: '', skills: [] } }
}
