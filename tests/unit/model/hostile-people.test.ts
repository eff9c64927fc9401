import { describe, expect, it } from 'vitest'
import { commands as c, lookAlikes, shortId } from '../../../src/model/index.ts'
import { forge, expectOk, inject, peer, sync } from '../fixtures/model.ts'

const named = async (name: string) => {
  const p = await peer()
  expectOk(await c.setName(p.room, name))
  return p
}

describe('hostile: people can be told apart', () => {
  it('a name smuggling bidi, zero-width and control characters is shown clean, on every device', async () => {
    const [a, x] = [await peer(), await peer()]
    const raw = '\u202Eevil\u2066 Ana\u200B\u200D\u0007\u0000\n\tLee\uFEFF\u00AD'
    await inject(x, await forge(x.me, { t: 'mem', n: 1, by: x.me.id, name: raw }))
    await sync(a, x)
    for (const p of [a, x]) expect(p.room.nameOf(x.me.id)).toBe('evil Ana Lee')
    expect(a.room.members()).toMatchObject([{ id: x.me.id, name: 'evil Ana Lee' }])
  })

  it('a name of nothing visible falls back to the short id; piled-up accents are bounded', async () => {
    const [a, x, z] = [await peer(), await peer(), await peer()]
    await inject(x, await forge(x.me, { t: 'mem', n: 1, by: x.me.id, name: '\u200B\u2800\u3164\u200F' }))
    await inject(z, await forge(z.me, { t: 'mem', n: 1, by: z.me.id, name: `Zo${'\u0301'.repeat(60)}e` }))
    await sync(a, x, z)
    expect(a.room.nameOf(x.me.id)).toBe(shortId(x.me.id))
    expect([...a.room.nameOf(z.me.id).normalize('NFD')].length).toBeLessThanOrEqual(6)
  })

  it('setting a name cleans it before it is signed', async () => {
    const a = await peer()
    expectOk(await c.setName(a.room, 'A\u200Bda\u202E'))
    expect(a.room.ledger.members.get(a.me.id)![0].name).toBe('Ada')
    expect((await c.setName(a.room, '\u200B\u200C')).ok).toBe(false)
  })

  it('every member has a short fingerprint of their key', async () => {
    const [a, b] = [await named('Ana'), await peer()]
    await sync(a, b)
    const fa = a.room.fingerprint(a.me.id)
    expect(fa).toMatch(/^[0-9a-hjkmnp-tv-z]{6}$/)
    expect(b.room.fingerprint(a.me.id)).toBe(fa)
    expect(a.room.fingerprint(b.me.id)).not.toBe(fa)
    expect(a.room.members()[0]).toMatchObject({ id: a.me.id, name: 'Ana', fingerprint: fa })
  })

  it('says which members look alike, so the fingerprint can be shown beside them', async () => {
    const names = ['Ana', '\u0410na', 'ana ', 'An\u0430', 'Bob', 'Jos\u00E9', 'Jose', '\uFF2A\uFF2F\uFF33\uFF25', 'Oliver', '0l1ver', 'Kim', 'Kirn', 'Zo\u00EB']
    const ps = await Promise.all(names.map(named))
    await sync(...ps)
    const room = ps[0].room
    const alike = ps.filter((p) => room.lookAlike(p.me.id)).map((p) => room.nameOf(p.me.id))
    const expected = names.filter((n) => n !== 'Bob' && n !== 'Zo\u00EB').map((n) => n.trim())
    expect(alike.sort()).toEqual(expected.sort())
    expect(room.members().filter((m) => m.lookAlike).length).toBe(alike.length)
    expect(lookAlikes([{ id: 'x', name: 'Bob' }, { id: 'y', name: 'B\u043Eb' }, { id: 'z', name: 'Rob' }])).toEqual(new Set(['x', 'y']))
  })

  it('a name that imitates someone else’s default name is flagged', async () => {
    const [a, b, x] = [await peer(), await peer(), await peer()]
    expectOk(await c.setName(x.room, shortId(b.me.id)))
    await sync(a, b, x)
    expect(a.room.lookAlike(x.me.id)).toBe(true)
    expect(a.room.lookAlike(b.me.id)).toBe(false)
  })
})
