import { describe, expect, it } from 'vitest'
import { commands as c, commentRef, recordKey, type CommentRecord } from '../../../src/model/index.ts'
import { T0, chainOf, cohosted, expectOk, forge, forgeNext, inject, sync } from '../fixtures/model.ts'
import { find, hostileRoom } from '../fixtures/talk.ts'

describe('hostile talk: comments', () => {
  it('nobody edits or withdraws another member’s comment, nor signs as them', async () => {
    const { a, b, d, m, id } = await hostileRoom()
    const { id: ref } = expectOk(await c.comment(b.room, id, 'Dinner at 6'))
    await sync(a, b, d, m)
    const cid = ref.split('/')[1]
    // m's own "versions" of b's comment id are m's comment, not b's
    await inject(m, await forgeNext(m, m.me, { t: 'com', id, c: cid, n: 2, by: m.me.id, text: '', gone: true }))
    // m signs a version claiming to be b's: the signature is m's, so it is refused
    const fake = await forge(m.me, { t: 'com', id, c: cid, n: 2, by: b.me.id, text: 'cancelled', seq: 9e15 })
    await inject(m, fake)
    await sync(a, b, d, m)
    for (const p of [a, b, d, m]) expect(find(p, id, ref)).toMatchObject({ text: 'Dinner at 6', gone: false, by: b.me.id })
    expect((await c.withdrawComment(m.room, id, ref)).ok).toBe(false)
    expect(d.room.ledger.invalid()).toBeGreaterThan(0)
  })

  it('an author can’t silently rewrite a comment others answered: comments are always chained, so an unchained one at a key without a signature tail is refused', async () => {
    const { a, b, d, m, id } = await hostileRoom()
    const cid = 'samekey00001'
    const unchained = await forge(m.me, { t: 'com', id, c: cid, n: 1, by: m.me.id, text: 'I will drive three people', at: T0 })
    await inject(m, unchained)
    await sync(a, b, d, m)
    for (const p of [a, b, d, m]) expect(find(p, id, commentRef(unchained as CommentRecord))).toBeUndefined()
    // chained, the key ends in the signature: a second text is a second record, never a replacement in place
    const original = await forgeNext(m, m.me, { t: 'com', id, c: cid, n: 1, by: m.me.id, text: 'I will drive three people' })
    await inject(m, original)
    await sync(a, b, d, m)
    const ref = commentRef(original as CommentRecord)
    expectOk(await c.comment(b.room, id, 'Great, count me in', ref))
    await sync(a, b, d, m)
    const rewrite = await forgeNext(m, m.me, { t: 'com', id, c: cid, n: 1, by: m.me.id, text: 'Nobody gets a ride, go home' })
    expect(recordKey(rewrite)).not.toBe(recordKey(original))
    await inject(m, rewrite)
    await sync(a, b, d, m)
    const v = find(d, id, ref)!
    // either the first text stands, or the change is shown as an edit
    expect(v.text === 'I will drive three people' || v.editedAt !== undefined).toBe(true)
  })

  it('a guest can’t hide or unhide a comment, whatever version number it takes', async () => {
    const { a, b, d, m, id } = await hostileRoom()
    const { id: ref } = expectOk(await c.comment(b.room, id, 'Please bring chairs'))
    const { id: spam } = expectOk(await c.comment(m.room, id, 'spam spam'))
    await sync(a, b, d, m)
    expectOk(await c.hideComment(a.room, id, spam))
    await sync(a, b, d, m)
    const next = a.room.state(id)!.next
    const mc = chainOf(m.me, 9e15)
    await inject(m,
      await mc({ t: 'inv', id, v: next, op: 'hide', c: ref }),
      await mc({ t: 'inv', id, v: next + 1, op: 'unhide', c: spam }),
      await mc({ t: 'inv', id, v: next - 1, op: 'unhide', c: spam }),
      await forge(m.me, { t: 'inv', id, v: 2, by: m.me.id, op: 'hide', c: ref }),
    )
    expect((await c.hideComment(m.room, id, ref)).ok).toBe(false)
    await sync(a, b, d, m)
    for (const p of [a, d]) {
      expect(find(p, id, ref)).toMatchObject({ hidden: false, text: 'Please bring chairs' })
      expect(find(p, id, spam)).toMatchObject({ hidden: true, text: '' })
    }
    // and the host is not frozen by m's numbers
    expectOk(await c.unhideComment(a.room, id, spam))
    await sync(a, b, d)
    expect(find(d, id, spam)).toMatchObject({ hidden: false })
  })

  it('a former host can’t hide after stepping down, by a later version or one back-dated in their chain', async () => {
    const { a, b, guests: [d], id } = await cohosted('event', 1)
    const { id: ref } = expectOk(await c.comment(d.room, id, 'The maker forgot the vegetarians'))
    await sync(a, b, d)
    expectOk(await c.stepDown(a.room, id))
    await sync(a, b, d)
    expect(d.room.invitation(id)!.hosts).toEqual([b.me.id])
    expect((await c.hideComment(a.room, id, ref)).ok).toBe(false)
    const down = [...a.room.ledger.invites.get(id)!.values()].find((r) => r.op === 'stepdown')!
    // after the step-down, and back-dated to a number before it but signed after it
    await inject(a, await forgeNext(a, a.me, { t: 'inv', id, v: a.room.state(id)!.next, by: a.me.id, op: 'hide', c: ref }))
    await inject(a, await forgeNext(a, a.me, { t: 'inv', id, v: down.v - 1, by: a.me.id, op: 'hide', c: ref }))
    await sync(a, b, d)
    expect(find(d, id, ref)).toMatchObject({ hidden: false })
    expect(d.room.invitation(id)!.hosts).toEqual([b.me.id])
  })

  it('a former host can’t hide (or take the role back) with a record placed before the start of their own chain', async () => {
    const { a, b, guests: [d], id } = await cohosted('event', 1)
    const { id: ref } = expectOk(await c.comment(d.room, id, 'The maker forgot the vegetarians'))
    expectOk(await c.stepDown(a.room, id))
    await sync(a, b, d)
    expect(d.room.invitation(id)!.hosts).toEqual([b.me.id])
    // seq 1 and no prev: below a's first record, so no later record of a's "skips over" it
    await inject(a, await forge(a.me, { t: 'inv', id, v: 2, by: a.me.id, op: 'hide', c: ref, seq: 1 }))
    await sync(a, b, d)
    expect(d.room.forks()).toEqual([])
    expect({ hosts: d.room.invitation(id)!.hosts, hidden: find(d, id, ref)!.hidden }).toEqual({ hosts: [b.me.id], hidden: false })
  })

})
