import { describe, expect, it } from 'vitest'
import { commands as c, commentRef } from '../../../src/model/index.ts'
import { event, expectOk, forgeNext, inject, peer, sync } from '../fixtures/model.ts'

const room = async () => {
  const [a, b, d] = [await peer(), await peer(), await peer()]
  const { id } = expectOk(await c.invite(a.room, 'event', event()))
  await sync(a, b, d)
  return { a, b, d, id }
}

describe('discussion', () => {
  it('members comment and reply; everyone sees the same thread in the order written', async () => {
    const { a, b, d, id } = await room()
    const first = expectOk(await c.comment(b.room, id, 'Can I bring my dog?'))
    b.clock.t += 1000
    await sync(a, b, d)
    expectOk(await c.comment(a.room, id, 'Of course!', first.id))
    a.clock.t += 2000
    expectOk(await c.comment(a.room, id, 'Parking is behind the hall.'))
    await sync(a, b, d)
    for (const p of [a, b, d]) {
      const thread = p.room.discussion(id)
      expect(thread.map((t) => t.text)).toEqual(['Can I bring my dog?', 'Parking is behind the hall.'])
      expect(thread[0].replies.map((r) => [r.text, r.by])).toEqual([['Of course!', a.me.id]])
    }
  })

  it('its author edits and withdraws; nobody else can', async () => {
    const { a, b, d, id } = await room()
    const { id: ref } = expectOk(await c.comment(b.room, id, 'Dinner at 6'))
    await sync(a, b, d)
    expect((await c.editComment(a.room, id, ref, 'Dinner at 9')).ok).toBe(false)
    // a hostile member signs a "new version" of someone else's comment: it is theirs, not b's
    await inject(a, await forgeNext(a, a.me, { t: 'com', id, c: ref.split('/')[1], n: 2, by: a.me.id, text: 'b says: cancelled' }))
    await sync(a, b, d)
    expect(d.room.discussion(id).find((t) => t.ref === ref)!.text).toBe('Dinner at 6')
    expectOk(await c.editComment(b.room, id, ref, 'Dinner at 7'))
    await sync(a, b, d)
    expect(d.room.discussion(id).find((t) => t.ref === ref)).toMatchObject({ text: 'Dinner at 7', gone: false })
    expect(d.room.discussion(id).find((t) => t.ref === ref)!.editedAt).toBeDefined()
    expectOk(await c.withdrawComment(b.room, id, ref))
    await sync(a, b, d)
    expect(d.room.discussion(id).find((t) => t.ref === ref)).toBeUndefined()
  })

  it('a withdrawn comment with replies stays as a place-holder', async () => {
    const { a, b, d, id } = await room()
    const { id: ref } = expectOk(await c.comment(b.room, id, 'Who has a car?'))
    await sync(a, b, d)
    expectOk(await c.comment(d.room, id, 'I do', ref))
    await sync(a, b, d)
    expectOk(await c.withdrawComment(b.room, id, ref))
    await sync(a, b, d)
    const [only] = a.room.discussion(id)
    expect(only).toMatchObject({ gone: true, text: '' })
    expect(only.replies[0].text).toBe('I do')
  })

  it('a host hides a comment from the invitation; a guest can’t', async () => {
    const { a, b, d, id } = await room()
    const { id: ref } = expectOk(await c.comment(b.room, id, 'Buy my stuff at spam.example'))
    await sync(a, b, d)
    expect((await c.hideComment(d.room, id, ref)).ok).toBe(false)
    await inject(d, await forgeNext(d, d.me, { t: 'inv', id, v: 2, by: d.me.id, op: 'hide', c: ref }))
    await sync(a, b, d)
    expect(a.room.discussion(id)[0]).toMatchObject({ hidden: false, text: 'Buy my stuff at spam.example' })
    expectOk(await c.hideComment(a.room, id, ref))
    await sync(a, b, d)
    expect(d.room.discussion(id)[0]).toMatchObject({ hidden: true, text: '' })
    // its author still sees what they wrote, and that it was hidden
    expect(b.room.discussion(id)[0]).toMatchObject({ hidden: true, text: 'Buy my stuff at spam.example' })
    expectOk(await c.unhideComment(a.room, id, ref))
    await sync(a, b, d)
    expect(d.room.discussion(id)[0]).toMatchObject({ hidden: false, text: 'Buy my stuff at spam.example' })
  })

  it('bad comments are refused with a message, and replies must answer a comment that is here', async () => {
    const { a, id } = await room()
    expect(await c.comment(a.room, id, '   ')).toMatchObject({ ok: false, error: { code: 'write-something' } })
    expect((await c.comment(a.room, id, 'x'.repeat(5000))).ok).toBe(false)
    expect((await c.comment(a.room, id, 'hi', `${a.me.id}/nothinghere1`)).ok).toBe(false)
    expect((await c.comment(a.room, 'A'.repeat(21), 'hi')).ok).toBe(false)
    expect(a.room.discussion(id)).toEqual([])
  })

  it('hostile reply loops and orphans don’t hide honest comments', async () => {
    const { a, b, d, id } = await room()
    const { id: ref } = expectOk(await c.comment(a.room, id, 'Honest'))
    await sync(a, b, d)
    const x = `${b.me.id}/xxxxxxxxxxxx`
    const y = `${b.me.id}/yyyyyyyyyyyy`
    await inject(b, await forgeNext(b, b.me, { t: 'com', id, c: 'xxxxxxxxxxxx', n: 1, by: b.me.id, text: 'x', re: y }))
    await inject(b, await forgeNext(b, b.me, { t: 'com', id, c: 'yyyyyyyyyyyy', n: 1, by: b.me.id, text: 'y', re: x }))
    await inject(b, await forgeNext(b, b.me, { t: 'com', id, c: 'zzzzzzzzzzzz', n: 1, by: b.me.id, text: 'z', re: `${b.me.id}/notherenoty1` }))
    await sync(a, b, d)
    const all = (list: ReturnType<typeof d.room.discussion>): string[] => list.flatMap((t) => [t.text, ...all(t.replies)])
    expect(all(d.room.discussion(id)).sort()).toEqual(['Honest', 'x', 'y', 'z'])
    expect(commentRef({ by: a.me.id, c: ref.split('/')[1] })).toBe(ref)
  })
})
