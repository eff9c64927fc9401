import { describe, expect, it } from 'vitest'
import { LIMITS, commands as c } from '../../../src/model/index.ts'
import { event, expectOk, forgeNext, inject, peer, project, proposal, sync, type Peer } from '../fixtures/model.ts'

const titles = (id: string, ...ps: Peer[]) => ps.map((p) => p.room.invitation(id)!.content.title)

/** a hosts, b is the hostile member, d an honest bystander */
const room = async () => {
  const [a, b, d] = [await peer(), await peer(), await peer()]
  const { id } = expectOk(await c.invite(a.room, 'event', event({ capacity: 1 })))
  await sync(a, b, d)
  return { a, b, d, id }
}

describe('hostile: a refused record has no effect at all', () => {
  it('a guest’s refused version with the largest number does not freeze the host', async () => {
    const { a, b, d, id } = await room()
    await inject(b, await forgeNext(b, b.me, { t: 'inv', id, v: LIMITS.version, by: b.me.id, op: 'cancel' }))
    await sync(a, b, d)
    expectOk(await c.edit(a.room, id, event({ capacity: 1, title: 'Potluck, moved' })))
    await sync(a, b, d)
    expect(titles(id, a, b, d)).toEqual(['Potluck, moved', 'Potluck, moved', 'Potluck, moved'])
    expectOk(await c.edit(a.room, id, event({ capacity: 1, title: 'Potluck, again' })))
    await sync(a, b, d)
    expect(titles(id, a, b, d)).toEqual(['Potluck, again', 'Potluck, again', 'Potluck, again'])
    for (const p of [a, b, d]) expect(p.room.invitation(id)).toMatchObject({ version: 3, status: 'open', refused: 1 })
  })

  it('a guest’s refused version just below the limit does not push the host past it', async () => {
    const { a, b, d, id } = await room()
    await inject(b, await forgeNext(b, b.me, { t: 'inv', id, v: LIMITS.version - 1, by: b.me.id, op: 'edit', kind: 'event', c: event({ title: 'mine' }) }))
    await sync(a, b, d)
    for (let i = 0; i < 3; i++) expectOk(await c.edit(a.room, id, event({ capacity: 1, title: `take ${i}` })))
    await sync(a, b, d)
    expect(titles(id, a, b, d)).toEqual(['take 2', 'take 2', 'take 2'])
    expect(d.room.invitation(id)!.version).toBe(4)
  })

  it('a co-host can’t skip versions to exhaust them: versions climb one at a time', async () => {
    const { a, b, d, id } = await room()
    expectOk(await c.inviteCohost(a.room, id, b.me.id))
    await sync(a, b)
    expectOk(await c.acceptCohost(b.room, id))
    await sync(a, b, d)
    const jump = await forgeNext(b, b.me, { t: 'inv', id, v: LIMITS.version, by: b.me.id, op: 'edit', kind: 'event', c: event({ title: 'frozen' }) })
    await inject(b, jump)
    await sync(a, b, d)
    expect(titles(id, a, b, d)).toEqual(['Potluck', 'Potluck', 'Potluck'])
    expectOk(await c.edit(a.room, id, event({ capacity: 1, title: 'Still ours' })))
    await sync(a, b, d)
    expect(titles(id, a, b, d)).toEqual(['Still ours', 'Still ours', 'Still ours'])
  })

  it('an answer of the wrong kind does not hide the member’s earlier answer, seat or stance', async () => {
    const { a, b, d, id } = await room()
    const pr = expectOk(await c.invite(a.room, 'proposal', proposal()))
    await sync(a, b, d)
    expectOk(await c.respond(b.room, id, { answer: 'yes' }))
    await sync(a, b, d)
    d.clock.t += 1000
    expectOk(await c.respond(d.room, id, { answer: 'yes' }))
    expectOk(await c.respond(b.room, pr.id, { answer: 'agree' }))
    await sync(a, b, d)
    await inject(b, await forgeNext(b, b.me, { t: 'res', id, n: 2, by: b.me.id, a: 'block', note: 'not a stance here' }))
    await inject(b, await forgeNext(b, b.me, { t: 'res', id: pr.id, n: 2, by: b.me.id, a: 'yes' }))
    await sync(a, b, d)
    for (const p of [a, b, d]) {
      const ev = p.room.invitation(id)!
      expect(ev.going.map((r) => r.member)).toEqual([b.me.id])
      expect(ev.waitlist.map((r) => r.member)).toEqual([d.me.id])
      expect(p.room.invitation(pr.id)!.tally).toEqual({ agree: 1, abstain: 0, object: 0, block: 0 })
    }
  })

  it('a change the others would refuse is refused on the author’s own device too', async () => {
    const { a, b, d } = await room()
    await inject(b, await forgeNext(b, b.me, { t: 'mem', n: LIMITS.version, by: b.me.id, name: 'Bea' }))
    await sync(a, b, d)
    const r = await c.setName(b.room, 'Bea again')
    expect(r.ok).toBe(false)
    await sync(a, b, d)
    expect([a, b, d].map((p) => p.room.nameOf(b.me.id))).toEqual(['Bea', 'Bea', 'Bea'])
  })

  it('a refused version signed in the host’s own slot does not displace the host', async () => {
    const { a, b, d, id } = await room()
    const p = expectOk(await c.invite(a.room, 'project', project()))
    await sync(a, b, d)
    await inject(b, await forgeNext(b, b.me, { t: 'inv', id: p.id, v: 2, by: b.me.id, op: 'cancel' }))
    await sync(a, b, d)
    expectOk(await c.edit(a.room, p.id, project({ title: 'Beds' })))
    await sync(a, b, d)
    expect(titles(p.id, a, b, d)).toEqual(['Beds', 'Beds', 'Beds'])
    expect(d.room.invitation(p.id)).toMatchObject({ version: 2, status: 'open' })
    expect(d.room.invitation(id)!.refused).toBe(0)
  })
})
