import { describe, expect, it } from 'vitest'
import { hashOf, inviteId } from '../../../src/model/records/index.ts'
import { commands as c, type HearthRecord, type InviteRecord } from '../../../src/model/index.ts'
import { HOUR, T0, event, expectOk, forge, forgeNext, inject, peer, proposal, sync, type Peer } from '../fixtures/model.ts'

/** a made the event and stepped down; b hosts it now; d watches */
const afterStepDown = async (handOver = false) => {
  const [a, b, d] = [await peer(), await peer(), await peer()]
  const { id } = expectOk(await c.invite(a.room, 'event', event()))
  if (handOver) expectOk(await c.stepDown(a.room, id, b.me.id))
  else expectOk(await c.inviteCohost(a.room, id, b.me.id))
  await sync(a, b, d)
  expectOk(await c.acceptCohost(b.room, id))
  await sync(a, b, d)
  if (!handOver) expectOk(await c.stepDown(a.room, id))
  await sync(a, b, d)
  expect(d.room.invitation(id)!.hosts).toEqual([b.me.id])
  return { a, b, d, id }
}

const versions = (p: Peer, id: string, by: string) => [...p.room.ledger.invites.get(id)!.values()].filter((r) => r.by === by)
const stepDownOf = (p: Peer, id: string) => versions(p, id, p.me.id).find((r) => r.op === 'stepdown')!
const everywhere = (ps: Peer[], id: string, check: (v: NonNullable<ReturnType<Peer['room']['invitation']>>) => void) =>
  ps.forEach((p) => check(p.room.invitation(id)!))

describe('hostile: nobody can rewrite their own history', () => {
  it('a former host can’t back-date an edit to before their step-down, in either record format', async () => {
    const { a, b, d, id } = await afterStepDown()
    const v = stepDownOf(a, id).v - 1
    const edit = { t: 'inv', id, v, by: a.me.id, op: 'edit', kind: 'event', c: event({ title: 'back-dated' }) }
    await inject(a, await forgeNext(a, a.me, edit), await forge(a.me, edit))
    await sync(a, b, d)
    everywhere([a, b, d], id, (x) => expect(x.content.title).toBe('Potluck'))
  })

  it('a former host can’t re-sign their step-down into something else', async () => {
    const { a, b, d, id } = await afterStepDown()
    const down = stepDownOf(a, id)
    const twin = { t: 'inv', id, v: down.v, by: a.me.id, op: 'edit', kind: 'event', c: event({ title: 'erased' }) }
    const legacy = { t: 'inv', id, v: down.v, by: a.me.id, op: 'cancel' }
    await inject(a, await forgeNext(a, a.me, twin), await forge(a.me, { ...twin, seq: down.seq, prev: down.prev }), await forge(a.me, legacy))
    await sync(a, b, d)
    everywhere([a, b, d], id, (x) => expect(x).toMatchObject({ hosts: [b.me.id], steppedDown: [a.me.id], status: 'open', content: { title: 'Potluck' } }))
    for (const p of [a, b, d]) expect(p.room.forks().map((f) => f.member)).toEqual([a.me.id])
  })

  it('after handing over, nothing the former host signs counts as a host’s: no cancel, no sockpuppet', async () => {
    const { a, b, d, id } = await afterStepDown(true)
    const sock = await peer()
    const handover = stepDownOf(a, id)
    const accept = versions(b, id, b.me.id).find((r) => r.op === 'accept')!
    await inject(a, await forgeNext(a, a.me, { t: 'inv', id, v: accept.v, by: a.me.id, op: 'cancel' }))
    await inject(a, await forgeNext(a, a.me, { t: 'inv', id, v: accept.v, by: a.me.id, op: 'cohost', m: sock.me.id }))
    await inject(a, await forge(a.me, { t: 'inv', id, v: handover.v, by: a.me.id, op: 'cancel' }))
    await sync(a, b, d, sock)
    await inject(sock, await forgeNext(sock, sock.me, { t: 'inv', id, v: accept.v + 1, by: sock.me.id, op: 'accept' }))
    await sync(a, b, d, sock)
    everywhere([a, b, d, sock], id, (x) => expect(x).toMatchObject({ hosts: [b.me.id], pending: [], status: 'open' }))
  })

  it('a maker can’t re-sign the create to change what they invited to', async () => {
    const { a, b, d, id } = await afterStepDown()
    const create = versions(a, id, a.me.id).find((r) => r.op === 'create') as InviteRecord & { nonce: string }
    const again = { t: 'inv', id, v: 1, by: a.me.id, op: 'create', kind: 'event', nonce: create.nonce, c: event({ title: 'rewritten' }) }
    await inject(a, await forgeNext(a, a.me, again), await forge(a.me, again))
    await sync(a, b, d)
    everywhere([a, b, d], id, (x) => expect(x).toMatchObject({ content: { title: 'Potluck' }, hosts: [b.me.id], maker: a.me.id }))
  })

  it('a record slipped into its author’s past is disowned by their own later record', async () => {
    const [a, d] = [await peer(), await peer()]
    const { id } = expectOk(await c.invite(a.room, 'event', event()))
    expectOk(await c.edit(a.room, id, event({ title: 'one' })))
    const one = versions(a, id, a.me.id).find((r) => r.v === 2)!
    a.clock.t = T0 + HOUR
    expectOk(await c.edit(a.room, id, event({ title: 'two' })))
    const slipped = await forge(a.me, { t: 'inv', id, v: 3, by: a.me.id, op: 'cancel', seq: one.seq! + 1, prev: hashOf(one) })
    await inject(a, slipped)
    await sync(a, d)
    everywhere([a, d], id, (x) => expect(x).toMatchObject({ status: 'open', content: { title: 'two' } }))
  })

  it('a member who lost their phone’s copy and answers again: the newest answer wins everywhere', async () => {
    const [a, b] = [await peer(), await peer()]
    const { id } = expectOk(await c.invite(a.room, 'event', event()))
    await sync(a, b)
    expectOk(await c.respond(b.room, id, { answer: 'yes' }))
    expectOk(await c.respond(b.room, id, { answer: 'maybe' }))
    await sync(a, b)
    // the same key on a phone that lost this room: it knows the invitation again, but none of its own answers
    const again = await peer({ me: b.me })
    again.clock.t = T0 + HOUR
    await inject(again, ...a.room.ledger.invites.get(id)!.values())
    expectOk(await c.respond(again.room, id, { answer: 'no' }))
    await sync(a, b, again)
    for (const p of [a, b, again]) expect(p.room.invitation(id)!.declined.map((r) => r.member)).toEqual([b.me.id])
  })
})

describe('rooms from before chains', () => {
  it('still read, answer and edit as before, and a legacy step-down holds against chained records', async () => {
    const [a, b, d] = [await peer(), await peer(), await peer()]
    const nonce = 'legacy-nonce-0000000'
    const id = inviteId(a.me.id, nonce)
    const old = [
      await forge(a.me, { t: 'inv', id, v: 1, by: a.me.id, op: 'create', kind: 'event', nonce, c: event({ title: 'Old potluck' }) }),
      await forge(a.me, { t: 'inv', id, v: 2, by: a.me.id, op: 'cohost', m: b.me.id }),
      await forge(b.me, { t: 'inv', id, v: 3, by: b.me.id, op: 'accept' }),
      await forge(a.me, { t: 'inv', id, v: 4, by: a.me.id, op: 'stepdown' }),
      await forge(d.me, { t: 'res', id, n: 1, by: d.me.id, a: 'yes' }),
    ]
    await inject(a, ...old)
    await sync(a, b, d)
    expect(d.room.invitation(id)).toMatchObject({ chained: false, hosts: [b.me.id], content: { title: 'Old potluck' } })
    expectOk(await c.edit(b.room, id, event({ title: 'Old potluck, new place' })))
    expectOk(await c.respond(d.room, id, { answer: 'maybe' }))
    await inject(a, await forgeNext(a, a.me, { t: 'inv', id, v: 3, by: a.me.id, op: 'cancel' }))
    await sync(a, b, d)
    everywhere([a, b, d], id, (v) => expect(v).toMatchObject({ status: 'open', hosts: [b.me.id], content: { title: 'Old potluck, new place' }, maybe: [{ member: d.me.id }] }))
  })
})

describe('hostile: consent follows what the close saw, not clocks', () => {
  it('a block signed after the close can’t flip it, whatever time it claims', async () => {
    const [a, b, x] = [await peer(), await peer(), await peer()]
    const { id } = expectOk(await c.invite(a.room, 'proposal', proposal()))
    await sync(a, b, x)
    expectOk(await c.respond(b.room, id, { answer: 'agree' }))
    await sync(a, b, x)
    a.clock.t = T0 + HOUR
    expectOk(await c.close(a.room, id, 'Agreed.'))
    await sync(a, b, x)
    await inject(x, await forgeNext(x, x.me, { t: 'res', id, n: 1, by: x.me.id, a: 'block', note: 'too late', at: T0 + 1 }))
    await sync(a, b, x)
    everywhere([a, b, x], id, (v) => expect(v).toMatchObject({ blocked: false, tally: { agree: 1, abstain: 0, object: 0, block: 0 } }))
  })

  it('moving the closing date can’t erase a stance, and closing again can’t drop one the first close counted', async () => {
    const [a, b] = [await peer(), await peer()]
    const { id } = expectOk(await c.invite(a.room, 'proposal', proposal()))
    await sync(a, b)
    b.clock.t = T0 + 10 * HOUR
    expectOk(await c.respond(b.room, id, { answer: 'block', note: 'not this way' }))
    await sync(a, b)
    expectOk(await c.edit(a.room, id, proposal({ closesAt: T0 + HOUR })))
    await sync(a, b)
    expect(b.room.invitation(id)!.blocked).toBe(true)
    expectOk(await c.close(a.room, id, 'Blocked.'))
    const records = [...a.room.ledger.invites.get(id)!.values()] as HearthRecord[]
    const first = records.find((r) => r.t === 'inv' && r.op === 'close') as InviteRecord & { seen: string[] }
    await inject(a, await forgeNext(a, a.me, { t: 'inv', id, v: a.room.state(id)!.next, by: a.me.id, op: 'close', outcome: 'Agreed!', seen: [] }))
    await sync(a, b)
    expect(first.seen).toHaveLength(1)
    everywhere([a, b], id, (v) => expect(v).toMatchObject({ blocked: true, closed: { outcome: 'Agreed!' } }))
  })
})
