import { describe, expect, it } from 'vitest'
import { commands as c } from '../../../src/model/index.ts'
import { HOUR, T0, event, expectOk, peer, project, proposal, sync } from '../fixtures/model.ts'

describe('invite', () => {
  it('makes each kind of invitation with its maker as host', async () => {
    const a = await peer()
    for (const [kind, content] of [['project', project()], ['event', event()], ['proposal', proposal()]] as const) {
      const { id } = expectOk(await c.invite(a.room, kind, content))
      const v = a.room.invitation(id)!
      expect(v.kind).toBe(kind)
      expect(v.content.title).toBe(content.title)
      expect(v.hosts).toEqual([a.me.id])
      expect(v.status).toBe('open')
    }
    expect(a.room.invitations()).toHaveLength(3)
  })

  it('makes many invitations in one transaction, all checked like any other', async () => {
    const [a, b] = [await peer(), await peer()]
    let updates = 0
    a.doc.on('update', () => updates++)
    expectOk(await c.inviteMany(a.room, Array.from({ length: 50 }, (_, i) => ({ kind: 'project' as const, content: project({ title: `p${i}` }) }))))
    expect(updates).toBe(1)
    await sync(a, b)
    expect(b.room.invitations()).toHaveLength(50)
    expect(b.room.ledger.checked()).toBe(50)
    const bad = await c.inviteMany(a.room, [{ kind: 'project', content: project() }, { kind: 'event', content: event({ title: '' }) }])
    expect(bad).toMatchObject({ ok: false, error: { code: 'invitation-needs-look', n: 2 } })
  })

  it('lists invitations newest first', async () => {
    const a = await peer()
    const first = expectOk(await c.invite(a.room, 'project', project({ title: 'first' })))
    a.clock.t += 1000
    const second = expectOk(await c.invite(a.room, 'project', project({ title: 'second' })))
    expect(a.room.invitations().map((v) => v.id)).toEqual([second.id, first.id])
  })

  it('says which field is wrong and writes nothing', async () => {
    const a = await peer()
    const r = await c.invite(a.room, 'event', event({ title: ' ', end: T0, start: T0 + HOUR, tz: 'Mars/Olympus', place: '', capacity: 0 }))
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(Object.keys(r.fields!).sort()).toEqual(['capacity', 'end', 'place', 'title', 'tz'])
    expect(r.fields!.end).toEqual({ code: 'end-before-start' })
    expect(a.room.invitations()).toEqual([])
    const long = await c.invite(a.room, 'proposal', proposal({ title: 'x'.repeat(201) }))
    expect(!long.ok && long.fields!.title).toEqual({ code: 'text-at-most', max: 200, now: 201 })
    const proposalWithoutText = await c.invite(a.room, 'proposal', proposal({ text: '' }))
    expect(!proposalWithoutText.ok && proposalWithoutText.fields!.text).toBeTruthy()
  })

  it('lets a host edit and cancel, and everyone sees the new version', async () => {
    const a = await peer()
    const b = await peer()
    const { id } = expectOk(await c.invite(a.room, 'event', event()))
    expectOk(await c.edit(a.room, id, event({ title: 'Potluck, moved', place: 'The park' })))
    await sync(a, b)
    expect(b.room.invitation(id)!.content).toMatchObject({ title: 'Potluck, moved', place: 'The park' })
    expect(b.room.invitation(id)!.version).toBe(2)
    expectOk(await c.cancel(a.room, id))
    await sync(a, b)
    expect(b.room.invitation(id)!.status).toBe('cancelled')
  })

  it('refuses an edit from a guest with a clear message', async () => {
    const a = await peer()
    const b = await peer()
    const { id } = expectOk(await c.invite(a.room, 'project', project()))
    await sync(a, b)
    const r = await c.edit(b.room, id, project({ title: 'mine now' }))
    expect(r).toMatchObject({ ok: false, error: { code: 'refused', op: 'edit' } })
    expect((await c.cancel(b.room, id)).ok).toBe(false)
    expect(b.room.invitation(id)!.content.title).toBe('Community garden')
  })

  it('closes an event once it has ended', async () => {
    const a = await peer()
    const { id } = expectOk(await c.invite(a.room, 'event', event()))
    a.clock.t = T0 + 28 * HOUR
    expect(a.room.invitation(id)!.status).toBe('closed')
  })

  it('keeps a display name as a signed member record', async () => {
    const a = await peer()
    const b = await peer()
    expect(a.room.nameOf(a.me.id)).toMatch(/^guest /)
    expectOk(await c.setName(a.room, '  Ada  '))
    expectOk(await c.setName(a.room, 'Ada L.'))
    await sync(a, b)
    expect(b.room.nameOf(a.me.id)).toBe('Ada L.')
    expect(b.room.members()).toMatchObject([{ id: a.me.id, name: 'Ada L.' }])
    expect((await c.setName(a.room, '')).ok).toBe(false)
    expect((await c.setName(a.room, 'x'.repeat(81))).ok).toBe(false)
  })
})
