import { describe, expect, it } from 'vitest'
import { commands as c, type HearthRecord } from '../../../src/model/index.ts'
import { event, expectOk, inject, peer, sync } from '../fixtures/model.ts'

/**
 * A member copies the host's signed record with its signature wrapped in a list. Spelled out, the list is the same
 * signature, so its signed text and link are the host's, but its key is another: two records for one place in the
 * host's chain, which is what a forked chain looks like. A copy must not be able to make the host look forked.
 */
describe('hostile: a record whose signature is not a string', () => {
  it("is refused, and the host's invitations stay counted and editable", async () => {
    const [a, b] = [await peer(), await peer()]
    const { id } = expectOk(await c.invite(a.room, 'event', event({ title: 'Potluck' })))
    await sync(a, b)
    const mine = [...b.doc.getMap<HearthRecord>('records').values()].filter((r) => r.by === a.me.id && r.seq !== undefined)
    expect(mine.length).toBeGreaterThan(0)
    await inject(b, ...mine.map((r) => ({ ...r, sig: [r.sig] }) as unknown as HearthRecord))
    await sync(a, b)
    expectOk(await c.edit(a.room, id, event({ title: 'Potluck, moved' })))
    await sync(a, b)
    for (const p of [a, b]) expect(p.room.invitation(id)?.content.title).toBe('Potluck, moved')
  })
})
