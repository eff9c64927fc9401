import { describe, expect, it } from 'vitest'
import { commands as c } from '../../../src/model/index.ts'
import { T0, event, expectOk, peer, sync, type Peer } from '../fixtures/model.ts'

const DAY = 86_400_000

/**
 * 20 invitations by 6 people (A–F), on the days before "now" given; G only steps up for needs.
 *   A: days 1–7, and 95        B: days 10, 20, 30, and 100 (C co-hosts day 20)
 *   C: days 40, 50             D: day 60        E: day 80, and 100, 110        F: days 120, 130
 * By hand, for the last 90 days: 14 invitations (A 7, B 3, C 2, D 1, E 1); 5 different hosts (A B C D E);
 * first-time hosts C (first on day 20, co-hosting) and D (day 60); A hosts 7 of 14, more than a third (4.67);
 * C hosts 3 (2 + co-hosting), B 3: not. G stepped up for a need and never hosted: invite G to co-host.
 * D stepped up too, but has hosted: not suggested.
 */
describe('make space', () => {
  it('matches a hand-computed example of 20 invitations by 6 people', async () => {
    const [A, B, C, D, E, F, G] = await Promise.all(Array.from({ length: 7 }, () => peer()))
    const all = [A, B, C, D, E, F, G]
    const make = async (p: Peer, day: number, needs = false) => {
      p.clock.t = T0 - day * DAY
      const content = event({ start: T0 + DAY, end: T0 + DAY + 3_600_000, ...(needs ? { needs: [{ id: 'cook0001', what: 'Cook', n: 2 }] } : {}) })
      return expectOk(await c.invite(p.room, 'event', content)).id
    }
    const firstOfA = await make(A, 1, true)
    for (const day of [2, 3, 4, 5, 6, 7, 95]) await make(A, day)
    const withC = await make(B, 20)
    for (const day of [10, 30, 100]) await make(B, day)
    for (const day of [40, 50]) await make(C, day)
    await make(D, 60)
    for (const day of [80, 100, 110]) await make(E, day)
    for (const day of [120, 130]) await make(F, day)
    expectOk(await c.inviteCohost(B.room, withC, C.me.id))
    await sync(...all)
    expectOk(await c.acceptCohost(C.room, withC))
    expectOk(await c.claim(G.room, firstOfA, 'cook0001'))
    expectOk(await c.claim(D.room, firstOfA, 'cook0001'))
    await sync(...all)
    for (const p of all) {
      p.clock.t = T0
      expect(p.room.invitations()).toHaveLength(20)
      const m = p.room.makeSpace()
      expect(m.invitations).toBe(14)
      expect(new Set(m.hosts)).toEqual(new Set([A, B, C, D, E].map((x) => x.me.id)))
      expect(new Set(m.firstTime)).toEqual(new Set([C.me.id, D.me.id]))
      expect(m.concentrated).toEqual([{ member: A.me.id, count: 7 }])
      expect(m.invite).toEqual([G.me.id])
    }
  })
})
