import { describe, expect, it } from 'vitest'
import { commands as c } from '../../../src/model/index.ts'
import { cohosted, event, expectOk, invited, peer, project, sync } from '../fixtures/model.ts'

describe('hosts', () => {
  it('makes an invited co-host a host only after they accept', async () => {
    const { a, b, id } = await invited('project')
    expectOk(await c.inviteCohost(a.room, id, b.me.id))
    await sync(a, b)
    expect(b.room.invitation(id)!.hosts).toEqual([a.me.id])
    expect(b.room.invitation(id)!.pending.map((p) => p.member)).toEqual([b.me.id])
    expect((await c.edit(b.room, id, project({ title: 'too early' }))).ok).toBe(false)
    expectOk(await c.acceptCohost(b.room, id))
    expectOk(await c.edit(b.room, id, project({ title: 'Garden, co-hosted' })))
    await sync(a, b)
    const v = a.room.invitation(id)!
    expect(v.hosts.sort()).toEqual([a.me.id, b.me.id].sort())
    expect(v.cohosted).toEqual([b.me.id])
    expect(v.content.title).toBe('Garden, co-hosted')
  })

  it('lets an invited co-host decline, and nobody else accept for them', async () => {
    const [a, b, cc] = [await peer(), await peer(), await peer()]
    const { id } = expectOk(await c.invite(a.room, 'project', project()))
    await c.inviteCohost(a.room, id, b.me.id)
    await sync(a, b, cc)
    expect((await c.acceptCohost(cc.room, id)).ok).toBe(false)
    expectOk(await c.declineCohost(b.room, id))
    expect((await c.acceptCohost(b.room, id)).ok).toBe(false)
    await sync(a, b, cc)
    expect(a.room.invitation(id)!.pending).toEqual([])
    expect(a.room.invitation(id)!.hosts).toEqual([a.me.id])
  })

  it('does not let the last host simply step down', async () => {
    const a = await peer()
    const { id } = expectOk(await c.invite(a.room, 'event', event()))
    const r = await c.stepDown(a.room, id)
    expect(r).toMatchObject({ ok: false })
    expect(!r.ok && r.error).toEqual({ code: 'refused', op: 'stepdown' })
    expect(a.room.invitation(id)!.hosts).toEqual([a.me.id])
  })

  it('steps down when another host remains', async () => {
    const { a, b, id } = await cohosted('event')
    expectOk(await c.stepDown(a.room, id))
    await sync(a, b)
    const v = b.room.invitation(id)!
    expect(v.hosts).toEqual([b.me.id])
    expect(v.steppedDown).toEqual([a.me.id])
    expect((await c.edit(a.room, id, event({ title: 'no longer mine' }))).ok).toBe(false)
  })

  it('hands over: the last host stays until the successor accepts', async () => {
    const { a, b, id } = await invited('event')
    expectOk(await c.stepDown(a.room, id, b.me.id))
    await sync(a, b)
    expect(b.room.invitation(id)!.hosts).toEqual([a.me.id])
    expect(b.room.invitation(id)!.pending).toEqual([{ member: b.me.id, by: a.me.id, handoverFrom: a.me.id }])
    expectOk(await c.acceptCohost(b.room, id))
    await sync(a, b)
    expect(a.room.invitation(id)!.hosts).toEqual([b.me.id])
    expect(a.room.invitation(id)!.steppedDown).toEqual([a.me.id])
  })

  it('make yourself at home: every guest who said yes becomes a co-host', async () => {
    const [a, b, cc, d] = [await peer(), await peer(), await peer(), await peer()]
    const { id } = expectOk(await c.invite(a.room, 'event', event()))
    await sync(a, b, cc, d)
    await c.respond(b.room, id, { answer: 'yes' })
    await c.respond(cc.room, id, { answer: 'no' })
    await c.respond(d.room, id, { answer: 'yes' })
    await sync(a, b, cc, d)
    expect((await c.makeYourselfAtHome(b.room, id)).ok).toBe(false)
    expectOk(await c.makeYourselfAtHome(a.room, id))
    await sync(a, b, cc, d)
    const v = cc.room.invitation(id)!
    expect(v.atHome).toBe(true)
    expect(v.hosts.sort()).toEqual([a.me.id, b.me.id, d.me.id].sort())
    expectOk(await c.stepDown(a.room, id))
    expectOk(await c.edit(d.room, id, event({ title: 'Our potluck' })))
    await sync(a, b, cc, d)
    expect(b.room.invitation(id)!.content.title).toBe('Our potluck')
    expect(b.room.invitation(id)!.hosts).not.toContain(a.me.id)
  })
})

describe('track record', () => {
  it('recognises hosting, co-hosting, stepping down and stepping up', async () => {
    const [a, b] = [await peer(), await peer()]
    const garden = expectOk(await c.invite(a.room, 'project', project()))
    a.clock.t += 1000
    const party = expectOk(await c.invite(a.room, 'event', event()))
    await c.inviteCohost(a.room, garden.id, b.me.id)
    await sync(a, b)
    await c.acceptCohost(b.room, garden.id)
    await c.respond(b.room, party.id, { answer: 'yes' })
    await sync(a, b)
    await c.stepDown(a.room, garden.id)
    // who came is told once the event has begun
    a.clock.t += 25 * 3_600_000
    expectOk(await c.recordAttendance(a.room, party.id, [b.me.id]))
    await sync(a, b)
    expect(b.room.trackRecord(a.me.id)).toMatchObject({ hosted: [party.id, garden.id], steppedDown: [garden.id] })
    expect(a.room.trackRecord(b.me.id)).toEqual({
      hosted: [], cohosted: [garden.id], steppedDown: [], steppedUp: [party.id], showedUp: [party.id],
      claimed: [], fulfilled: [], understudy: [], handedOver: [], tookOver: [],
    })
  })
})
