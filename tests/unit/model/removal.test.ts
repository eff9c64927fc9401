import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { newBoxKeys, roomIdFor, roomKeys, type BoxKeys } from '../../../src/crypto/index.ts'
import { createIdentity, type Identity } from '../../../src/identity/index.ts'
import { commands as c, openRoom, recordKey, type HearthRecord, type Room } from '../../../src/model/index.ts'
import { movedTo, removalOf } from '../../../src/model/views/index.ts'
import { T0, HOUR, expectOk, forge, proposal, sync, type Peer } from '../fixtures/model.ts'
import { hashOf } from '../../../src/model/records/index.ts'

const OLD = 'old-room-secret-0123456789abcdef'
const OLD_ID = roomIdFor(OLD)

type Member = Peer & { box: BoxKeys; name: string }

const member = async (name: string, roomId = OLD_ID, me?: Identity, box?: BoxKeys): Promise<Member> => {
  const doc = new Y.Doc()
  const clock = { t: T0 }
  me ??= await createIdentity()
  const room = openRoom(doc, me, { now: () => clock.t, roomId })
  await room.ledger.ready
  return { doc, me, room, clock, box: box ?? newBoxKeys(), name }
}

/** Ana, Ben, Cai and Dan in one room, each with their name and lockbox key published. */
const four = async () => {
  const people = await Promise.all(['Ana', 'Ben', 'Cai', 'Dan'].map((n) => member(n)))
  for (const p of people) expectOk(await c.publishBoxKey(p.room, p.box.pub, p.name))
  await sync(...people)
  return people
}

/** Ana proposes removing Cai; Ben and Dan agree, Cai blocks, and Ana closes it unless told not to. */
const removeCai = async (people: Member[], opts: { close?: boolean; benBlocks?: boolean } = {}) => {
  const [ana, ben, cai, dan] = people
  const { id } = expectOk(await c.proposeRemoval(ana.room, cai.me.id, proposal({ title: 'Remove Cai' })))
  await sync(...people)
  expectOk(await c.respond(ben.room, id, opts.benBlocks ? { answer: 'block', note: 'Not like this' } : { answer: 'agree' }))
  expectOk(await c.respond(dan.room, id, { answer: 'agree' }))
  expectOk(await c.respond(cai.room, id, { answer: 'block', note: 'I want to stay' }))
  await sync(...people)
  if (opts.close !== false) expectOk(await c.close(ana.room, id, 'Cai is removed'))
  await sync(...people)
  return id
}

const rekeyBy = async (p: Member) => {
  const r = await c.rekey(p.room)
  if (!r.ok) throw new Error(JSON.stringify(r))
  return r
}

/** A re-key record a hostile member signs by hand, on their own chain as `p` knows it. */
const forgedRekey = async (p: Member, signer: Identity, removal: string, gone: string, extra: Record<string, unknown> = {}): Promise<HearthRecord> => {
  const head = p.room.ledger.chains.head(signer.id)
  const secret = 'a-new-secret-chosen-by-attacker-x'
  return forge(signer, {
    t: 'rekey', by: signer.id, seq: (head?.seq ?? 0) + 1, prev: head && hashOf(head), from: OLD_ID, removal, gone, cut: 0,
    room: roomIdFor(secret), e: newBoxKeys().pub, boxes: [], ...extra,
  })
}

const write = async (p: Peer, ...records: HearthRecord[]) => {
  p.doc.transact(() => records.forEach((r) => p.doc.getMap('records').set(recordKey(r), r)))
  await p.room.ledger.settled()
}

describe('removing a member by consent', () => {
  it('passes although the removed member blocks: their own block does not count', async () => {
    const people = await four()
    const id = await removeCai(people)
    for (const p of people) expect(removalOf(p.room.ledger, id)).toMatchObject({ target: people[2].me.id, passed: true })
  })

  it('does not pass while open, or with another member’s block', async () => {
    const open = await four()
    const a = await removeCai(open, { close: false })
    expect(removalOf(open[0].room.ledger, a)?.passed).toBe(false)
    const blocked = await four()
    const b = await removeCai(blocked, { benBlocks: true })
    expect(removalOf(blocked[0].room.ledger, b)?.passed).toBe(false)
    expect(await c.rekey(blocked[0].room)).toMatchObject({ ok: false, error: { code: 'no-removal-passed' } })
  })

  it('does not pass on its proposer’s word alone: proposing, agreeing and closing at once removes nobody', async () => {
    const people = await four()
    const [ana, , cai] = people
    const { id } = expectOk(await c.proposeRemoval(ana.room, cai.me.id, proposal({ title: 'Remove Cai' })))
    expectOk(await c.respond(ana.room, id, { answer: 'agree' }))
    expectOk(await c.close(ana.room, id, 'Cai is removed'))
    await sync(...people)
    for (const p of people) expect(removalOf(p.room.ledger, id)?.passed).toBe(false)
    expect(await c.rekey(ana.room)).toMatchObject({ ok: false, error: { code: 'no-removal-passed' } })
  })

  it('refuses a re-key whose removal did not pass', async () => {
    const people = await four()
    const [ana, ben, cai] = people
    const id = await removeCai(people, { benBlocks: true })
    await write(ana, await forgedRekey(ana, ben.me, id, cai.me.id))
    expect(ana.room.ledger.rekeys.size).toBe(1)
    expect(movedTo(ana.room.ledger, OLD_ID)).toBe(null)
    expectOk(await c.invite(ana.room, 'project', { title: 'Still here', text: '', skills: [] }))
  })

  it('refuses a re-key by the removed member, or by someone who is not a member', async () => {
    const people = await four()
    const [ana, , cai] = people
    const id = await removeCai(people)
    const stranger = await createIdentity()
    // Cai can't name himself as gone (shape), so he names someone else; a stranger re-keys with the right target
    await write(ana, await forgedRekey(ana, cai.me, id, people[1].me.id), await forgedRekey(ana, stranger, id, cai.me.id))
    expect(ana.room.ledger.rekeys.size).toBe(2)
    expect(movedTo(ana.room.ledger, OLD_ID)).toBe(null)
    expect(await c.rekey(cai.room)).toMatchObject({ ok: false, error: { code: 'removed-here' } })
  })

  it('refuses a re-key that seals a box to the removed member', async () => {
    const people = await four()
    const [ana, ben, cai] = people
    const id = await removeCai(people)
    await write(ana, await forgedRekey(ana, ben.me, id, cai.me.id, { boxes: [`${cai.me.id}:${'A'.repeat(64)}`] }))
    expect(movedTo(ana.room.ledger, OLD_ID)).toBe(null)
  })

  it('two members re-keying at once end in the same new room on every device', async () => {
    const people = await four()
    const [ana, ben, cai, dan] = people
    await removeCai(people)
    const [x, y] = [await rekeyBy(ana), await rekeyBy(ben)]
    expect(x.id).not.toBe(y.id)
    // each side sees its own first, then the other's
    expect(movedTo(ana.room.ledger, OLD_ID)?.room).toBe(x.id)
    expect(movedTo(ben.room.ledger, OLD_ID)?.room).toBe(y.id)
    await sync(ben, dan)
    await sync(ana, dan)
    await sync(ana, ben, cai, dan)
    // whichever arrived first: the winner ranks by a hash of the removal and its re-keyer, the same everywhere
    const winner = movedTo(ana.room.ledger, OLD_ID)?.room
    expect([x.id, y.id]).toContain(winner)
    for (const p of people) expect(movedTo(p.room.ledger, OLD_ID)?.room).toBe(winner)
    for (const p of [ana, ben, dan]) expect(c.openLockbox(p.room, p.box)?.id).toBe(winner)
    expect(c.openLockbox(cai.room, cai.box)).toBe(null)
  })

  it('seals the new secret to each remaining member; the removed member can open no box', async () => {
    const people = await four()
    const [ana, ben, cai, dan] = people
    await removeCai(people)
    const r = await rekeyBy(dan)
    await sync(...people)
    for (const p of [ana, ben, dan]) expect(c.openLockbox(p.room, p.box)).toEqual({ id: r.id, secret: r.secret })
    expect(r.record.boxes.some((b) => b.startsWith(cai.me.id))).toBe(false)
    expect(c.openLockbox(cai.room, cai.box)).toBe(null)
    // nor with Ben's box, which is not sealed to his key
    const asBen = { ...cai, room: { ...cai.room, me: ben.me } as Room }
    expect(c.openLockbox(asBen.room, cai.box)).toBe(null)
  })

  it('gives the new room a secret, topic and write key that the old secret does not give', async () => {
    const people = await four()
    await removeCai(people)
    const copy = await member('Ana again', OLD_ID, people[0].me, people[0].box)
    await sync(copy, people[0])
    const [r1, r2] = [await rekeyBy(people[0]), await rekeyBy(copy)]
    // the same old secret and the same records re-key to different rooms: the new one is not a function of the old
    expect(r1.secret).not.toBe(r2.secret)
    const old = roomKeys(OLD)
    for (const r of [r1, r2]) {
      const k = roomKeys(r.secret)
      expect(k.topic).not.toBe(old.topic)
      expect(Buffer.from(k.writePub).equals(Buffer.from(old.writePub))).toBe(false)
      expect(r.secret.includes(OLD)).toBe(false)
    }
  })

  it('carries the history over; the old room takes nothing new; the removed member’s later records do not count in the new room', async () => {
    const people = await four()
    const [ana, ben, cai, dan] = people
    const gig = expectOk(await c.invite(cai.room, 'event', { title: 'Cai’s gig', text: '', start: T0 + HOUR, end: T0 + 2 * HOUR, tz: 'UTC', place: 'Hall', online: false, plusOnes: 0 }))
    expectOk(await c.invite(ben.room, 'project', { title: 'Garden', text: '', skills: [] }))
    await sync(...people)
    await removeCai(people)
    const r = await rekeyBy(ben)
    await sync(...people)
    expect(await c.invite(ana.room, 'project', { title: 'Too late', text: '', skills: [] })).toMatchObject({ ok: false, error: { code: 'room-moved' } })
    const fresh = await member('Ben', r.id, ben.me, ben.box)
    c.carryHistory(ben.room, fresh.room)
    await fresh.room.ledger.settled()
    expect(fresh.room.invitations().map((v) => v.content.title).sort()).toEqual(['Cai’s gig', 'Garden', 'Remove Cai'])
    expect(movedTo(fresh.room.ledger, r.id)).toBe(null)
    // the removal that led here is done: the new room does not move again
    expect(await c.rekey(fresh.room)).toMatchObject({ ok: false, error: { code: 'no-removal-passed' } })
    expectOk(await c.invite(fresh.room, 'project', { title: 'After', text: '', skills: [] }))
    // Cai, had he the new secret, writes on: nothing past the cut counts
    const edit = await forge(cai.me, { t: 'inv', id: gig.id, v: 2, by: cai.me.id, op: 'cancel', seq: (cai.room.ledger.chains.head(cai.me.id)!.seq ?? 0) + 1, prev: hashOf(cai.room.ledger.chains.head(cai.me.id)!) })
    await write(fresh, edit)
    expect(fresh.room.invitation(gig.id)?.cancelled).toBe(false)
    expect(fresh.room.invitations()).toHaveLength(4)
    void dan
  })
})

describe('leaving', () => {
  it('hands over or releases what the member hosts first: shared roles are stepped down from, sole ones cancelled', async () => {
    const [ana, ben] = await Promise.all([member('Ana'), member('Ben')])
    const shared = expectOk(await c.invite(ben.room, 'project', { title: 'Shared', text: '', skills: [] }))
    const alone = expectOk(await c.invite(ben.room, 'project', { title: 'Alone', text: '', skills: [] }))
    expectOk(await c.inviteCohost(ben.room, shared.id, ana.me.id))
    await sync(ana, ben)
    expectOk(await c.acceptCohost(ana.room, shared.id))
    await sync(ana, ben)
    expect(c.hostedBy(ben.room)).toEqual([{ id: alone.id, title: 'Alone', shared: false }, { id: shared.id, title: 'Shared', shared: true }].sort((a, b) => (ben.room.invitations().findIndex((v) => v.id === a.id) - ben.room.invitations().findIndex((v) => v.id === b.id))))
    for (const r of await c.releaseRoles(ben.room)) expectOk(r)
    await sync(ana, ben)
    expect(ana.room.invitation(shared.id)).toMatchObject({ hosts: [ana.me.id], status: 'open' })
    expect(ana.room.invitation(alone.id)?.status).toBe('cancelled')
    expect(c.hostedBy(ben.room)).toEqual([])
  })
})
