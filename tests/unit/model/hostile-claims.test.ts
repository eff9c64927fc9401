import { describe, expect, it } from 'vitest'
import { commands as c, type ClaimRecord, type Room } from '../../../src/model/index.ts'
import { event, expectOk, forge, forgeNext, inject, peer, sync, writeEach, type Peer } from '../fixtures/model.ts'

const NOTES = 'notes001'
const FOOD = 'food0001'
const needs = [{ id: NOTES, what: 'Take notes', n: 1 }, { id: FOOD, what: 'Bring food', n: 2 }]

/** Ana asks for a note-taker and two cooks; Ben and Dee are members, Mal is a hostile one. Everyone has seen it. */
const room = async () => {
  const [a, b, d, m] = [await peer(), await peer(), await peer(), await peer()]
  const { id } = expectOk(await c.invite(a.room, 'event', event({ needs })))
  await sync(a, b, d, m)
  return { a, b, d, m, id, all: [a, b, d, m] }
}

const claimers = (r: Room, id: string, need: string) => r.needs(id).find((n) => n.id === need)?.claims.map((x) => x.member) ?? []
const everyone = (peers: Peer[], id: string, need: string) => peers.map((p) => claimers(p.room, id, need))
const mine = (p: Peer, id: string, need: string) =>
  [...(p.room.ledger.claims.get(id)?.values() ?? [])].filter((r) => r.by === p.me.id && r.need === need).at(-1) as ClaimRecord
// how a later claim names one it saw (as the yes queue does: the start of its signature)
const seenRef = (r: ClaimRecord) => r.sig.slice(0, 8)

describe('hostile members: needs and claims', () => {
  it('nobody claims, hands back or releases for someone else', async () => {
    const { a, b, m, id, all } = await room()
    expectOk(await c.claim(b.room, id, NOTES))
    await sync(...all)
    // Mal signs a claim and a hand-back as Ben: the signature is Mal's
    await inject(m, await forge(m.me, { t: 'clm', id, need: FOOD, n: 1, op: 'claim', by: b.me.id, seq: 5e15, after: [] }))
    await inject(m, await forge(m.me, { t: 'clm', id, need: NOTES, n: 2, op: 'back', by: b.me.id, seq: 5e15 + 1 }))
    // Mal's own hand-back of Ben's need only speaks for Mal
    await inject(m, await forgeNext(m, m.me, { t: 'clm', id, need: NOTES, n: 1, op: 'back', by: m.me.id }))
    // Mal is no host: his release of Ben's claim is no version of the invitation
    const ref = a.room.needs(id)[0].claims[0].ref
    await inject(m, await forgeNext(m, m.me, { t: 'inv', id, v: a.room.state(id)!.next, by: m.me.id, op: 'release', c: ref, why: 'mine now' }))
    expect((await c.release(m.room, id, ref, 'mine now')).ok).toBe(false)
    await sync(...all)
    expect(everyone(all, id, NOTES)).toEqual(all.map(() => [b.me.id]))
    expect(everyone(all, id, FOOD)).toEqual(all.map(() => []))
  })

  it('a claim past the number asked for counts on no screen, whatever it says it saw', async () => {
    const { b, d, m, id, all } = await room()
    expectOk(await c.claim(b.room, id, NOTES))
    await sync(...all)
    expect((await c.claim(d.room, id, NOTES))).toMatchObject({ ok: false, error: { code: 'need-filled' } })
    // Mal saw Ben's claim and claims anyway
    await inject(m, await forgeNext(m, m.me, { t: 'clm', id, need: NOTES, n: 1, op: 'claim', by: m.me.id, after: [seenRef(mine(b, id, NOTES))] }))
    // two cooks are found, Dee having seen Ben; Mal then claims, saying he saw nobody
    expectOk(await c.claim(b.room, id, FOOD))
    await sync(...all)
    expectOk(await c.claim(d.room, id, FOOD))
    await sync(...all)
    await inject(m, await forgeNext(m, m.me, { t: 'clm', id, need: FOOD, n: 1, op: 'claim', by: m.me.id, after: [] }))
    await sync(...all)
    expect(everyone(all, id, NOTES)).toEqual(all.map(() => [b.me.id]))
    expect(everyone(all, id, FOOD)).toEqual(all.map(() => [b.me.id, d.me.id]))
    // Ben hands back the notes: a claim made when it was filled never moves up
    expectOk(await c.handBack(b.room, id, NOTES))
    await sync(...all)
    expect(everyone(all, id, NOTES)).toEqual(all.map(() => []))
  })

  it('the count is the same whatever order the claims arrive in', async () => {
    const { b, d, m, id, all } = await room()
    expectOk(await c.claim(b.room, id, FOOD))
    await sync(...all)
    expectOk(await c.claim(d.room, id, FOOD))
    await sync(...all)
    await inject(m, await forgeNext(m, m.me, { t: 'clm', id, need: FOOD, n: 1, op: 'claim', by: m.me.id, after: [] }))
    await sync(...all)
    const records = [...m.room.ledger.records.values()] as never[]
    const seen: string[][] = []
    for (const order of [records, [...records].reverse()]) {
      const fresh = await peer()
      writeEach(fresh, order)
      await fresh.room.ledger.settled()
      seen.push(claimers(fresh.room, id, FOOD))
    }
    expect(seen[0]).toEqual([b.me.id, d.me.id])
    expect(seen[1]).toEqual(seen[0])
  })

  it('a claim after the cancel counts on no screen; the claims the cancel saw still show', async () => {
    const { a, b, d, m, id, all } = await room()
    expectOk(await c.claim(b.room, id, FOOD))
    await sync(...all)
    expectOk(await c.cancel(a.room, id))
    await sync(...all)
    expect((await c.claim(d.room, id, FOOD))).toMatchObject({ ok: false, error: { code: 'invitation-cancelled' } })
    await inject(m, await forgeNext(m, m.me, { t: 'clm', id, need: FOOD, n: 1, op: 'claim', by: m.me.id, after: [] }))
    await sync(...all)
    expect(everyone(all, id, FOOD)).toEqual(all.map(() => [b.me.id]))
  })

  it('a claim for a need that isn’t asked for, or no longer is, counts on no screen', async () => {
    const { a, b, m, id, all } = await room()
    await inject(m, await forgeNext(m, m.me, { t: 'clm', id, need: 'nothere1', n: 1, op: 'claim', by: m.me.id, after: [] }))
    expectOk(await c.claim(b.room, id, FOOD))
    await sync(...all)
    for (const p of all) expect(p.room.needs(id).map((n) => n.id)).toEqual([NOTES, FOOD])
    expectOk(await c.edit(a.room, id, event({ needs: [needs[0]] })))
    await sync(...all)
    for (const p of all) expect(p.room.needs(id).map((n) => n.id)).toEqual([NOTES])
    expect(p0trackClaims(all, b.me.id)).toEqual(all.map(() => 0))
  })

  it('a host releases a claim with a reason; the member may step up again', async () => {
    const { a, b, id, all } = await room()
    expectOk(await c.claim(b.room, id, NOTES))
    await sync(...all)
    const ref = a.room.needs(id)[0].claims[0].ref
    expect((await c.release(a.room, id, ref, ' '))).toMatchObject({ ok: false })
    expectOk(await c.release(a.room, id, ref, 'We moved it online'))
    await sync(...all)
    expect(everyone(all, id, NOTES)).toEqual(all.map(() => []))
    for (const p of all) expect(p.room.needs(id)[0].released).toEqual([{ member: b.me.id, by: a.me.id, why: 'We moved it online' }])
    expectOk(await c.claim(b.room, id, NOTES))
    await sync(...all)
    expect(everyone(all, id, NOTES)).toEqual(all.map(() => [b.me.id]))
  })
})

const p0trackClaims = (peers: Peer[], member: string) => peers.map((p) => p.room.trackRecord(member).claimed.length)
