import { describe, expect, it } from 'vitest'
import { commands as c } from '../../../src/model/index.ts'
import { expectOk, forgeNext, inject, peer, sync } from '../fixtures/model.ts'

describe('the room’s name and description', () => {
  it('any member renames and describes the room; the history shows who', async () => {
    const [a, b] = [await peer(), await peer()]
    expect(a.room.about().current).toBeNull()
    expectOk(await c.describeRoom(a.room, 'Garden club', 'We grow things'))
    await sync(a, b)
    expectOk(await c.describeRoom(b.room, 'Garden & seed club', 'We grow and swap seeds'))
    await sync(a, b)
    for (const p of [a, b]) {
      const about = p.room.about()
      expect(about.current).toMatchObject({ name: 'Garden & seed club', about: 'We grow and swap seeds', by: b.me.id })
      expect(about.history.map((h) => [h.name, h.by])).toEqual([['Garden & seed club', b.me.id], ['Garden club', a.me.id]])
    }
  })

  it('the newest in causal order wins, whatever clocks claim', async () => {
    const [a, b] = [await peer(), await peer()]
    b.clock.t += 365 * 24 * 3_600_000
    expectOk(await c.describeRoom(b.room, 'From the future', ''))
    await sync(a, b)
    expectOk(await c.describeRoom(a.room, 'Seen it, renamed', ''))
    await sync(a, b)
    expect(b.room.about().current!.name).toBe('Seen it, renamed')
    // a forged time of 0 on a record that names nothing can't take over either
    await inject(b, await forgeNext(b, b.me, { t: 'room', n: 9, by: b.me.id, at: 0, name: 'Old claim', about: '' }))
    await sync(a, b)
    expect(a.room.about().current!.name).toBe('Seen it, renamed')
  })

  it('two renames made apart settle on the same one everywhere', async () => {
    const [a, b] = [await peer(), await peer()]
    expectOk(await c.describeRoom(a.room, 'A’s name', ''))
    expectOk(await c.describeRoom(b.room, 'B’s name', ''))
    await sync(a, b)
    expect(a.room.about().current!.name).toBe(b.room.about().current!.name)
  })

  it('bad input gets a message and changes nothing', async () => {
    const a = await peer()
    expectOk(await c.describeRoom(a.room, 'Keep me', 'About'))
    expect(await c.describeRoom(a.room, '  ', '')).toMatchObject({ ok: false, error: { code: 'name-the-room' } })
    expect((await c.describeRoom(a.room, 'x'.repeat(81), '')).ok).toBe(false)
    expect((await c.describeRoom(a.room, 'ok', 'x'.repeat(2001))).ok).toBe(false)
    expect(a.room.about().current!.name).toBe('Keep me')
  })

  it('names are cleaned of invisible and direction characters', async () => {
    const [a, b] = [await peer(), await peer()]
    await inject(b, await forgeNext(b, b.me, { t: 'room', n: 1, by: b.me.id, name: 'Gar\u202Eden\u200B', about: '' }))
    await sync(a, b)
    expect(a.room.about().current!.name).toBe('Garden')
  })
})
