import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { openQuota, QUOTAS } from '../../../src/model/ledger/index.ts'
import { commands as c, recordKey, type HearthRecord } from '../../../src/model/index.ts'
import { T0, chainOf, event, expectOk, inject, peer, sync, writeEach } from '../fixtures/model.ts'
import { flat, hostileRoom, strip } from '../fixtures/talk.ts'

describe('hostile talk: threads and limits', () => {
  it('reply loops, self-replies and replies to elsewhere don’t throw, lose or move honest comments', async () => {
    const { a, b, d, m, id } = await hostileRoom()
    const other = expectOk(await c.invite(a.room, 'event', event({ title: 'Other' }))).id
    await sync(a, b, d, m)
    const { id: honest } = expectOk(await c.comment(b.room, id, 'Honest question'))
    const { id: elsewhere } = expectOk(await c.comment(b.room, other, 'On the other one'))
    await sync(a, b, d, m)
    const x = `${m.me.id}/xxxxxxxxxxxx`
    const y = `${m.me.id}/yyyyyyyyyyyy`
    const mc = chainOf(m.me, 9e15)
    await inject(m,
      await mc({ t: 'com', id, c: 'xxxxxxxxxxxx', n: 1, text: 'x', re: y }),
      await mc({ t: 'com', id, c: 'yyyyyyyyyyyy', n: 1, text: 'y', re: x }),
      await mc({ t: 'com', id, c: 'selfselfself', n: 1, text: 'self', re: `${m.me.id}/selfselfself` }),
      await mc({ t: 'com', id, c: 'elsewhere001', n: 1, text: 'to other', re: elsewhere }),
      // a later version tries to move the comment under another one
      await mc({ t: 'com', id, c: 'xxxxxxxxxxxx', n: 2, text: 'x2', re: honest }),
    )
    await sync(a, b, d, m)
    const all = flat(d.room.discussion(id))
    expect(all.map((v) => v.text).sort()).toEqual(['Honest question', 'self', 'to other', 'x2', 'y'])
    expect(all.find((v) => v.ref === honest)!.re).toBeUndefined()
    expect(all.find((v) => v.ref === honest)!.replies).toEqual([])
    expect(d.room.discussion(other).map((v) => v.text)).toEqual(['On the other one'])
  })

  it('shape holes: extra fields, gone with text, gone false, giant or malformed re, empty text, bad ids are all refused', async () => {
    const { a, m, id } = await hostileRoom()
    const before = a.room.ledger.invalid()
    const bad: Record<string, unknown>[] = [
      { t: 'com', id, c: 'extrafield01', n: 1, text: 'hi', extra: 1 },
      { t: 'com', id, c: 'gonetext0001', n: 1, text: 'still here', gone: true },
      { t: 'com', id, c: 'gonefalse001', n: 1, text: 'hi', gone: false },
      { t: 'com', id, c: 'bigre0000001', n: 1, text: 'hi', re: `${m.me.id}/${'a'.repeat(5000)}` },
      { t: 'com', id, c: 'badre0000001', n: 1, text: 'hi', re: 'not-a-member-key/abcdefghijkl' },
      { t: 'com', id, c: 'emptytext001', n: 1, text: '   ' },
      { t: 'com', id, c: 'short', n: 1, text: 'hi' },
      { t: 'com', id: 'nope', c: 'badinvite001', n: 1, text: 'hi' },
      { t: 'com', id, c: 'nzero0000001', n: 0, text: 'hi' },
      { t: 'com', id, c: 'longtext0001', n: 1, text: 'x'.repeat(4001) },
      { t: 'room', n: 1, name: 'x', about: '', after: Array.from({ length: 17 }, (_, i) => `ref${String(i).padStart(9, '0')}`) },
      { t: 'room', n: 1, name: 'x', about: '', extra: 'y' },
      { t: 'inv', id, v: 2, op: 'hide', c: 'not a ref' },
      { t: 'inv', id, v: 2, op: 'hide', c: `${m.me.id}/abc`, extra: 1 },
    ]
    const mc = chainOf(m.me, 9e15)
    await inject(a, ...(await Promise.all(bad.map((r) => mc(r)))))
    expect(a.room.ledger.invalid() - before).toBe(bad.length)
    expect(a.room.discussion(id)).toEqual([])
    expect(a.room.about().current).toBeNull()
  })

  it('comments on an invitation that isn’t here show nowhere and don’t throw; they appear once it does', async () => {
    const { a, b, m } = await hostileRoom()
    const m2 = await peer({ me: m.me })
    // m will make this invitation later: its id is known in advance
    const later = await peer()
    const { id: future } = expectOk(await c.invite(later.room, 'event', event({ title: 'Later' })))
    const mc = chainOf(m.me, 9e15)
    await inject(a, await mc({ t: 'com', id: future, c: 'early0000001', n: 1, text: 'first!' }), await mc({ t: 'com', id: 'B'.repeat(21), c: 'ghost0000001', n: 1, text: 'ghost' }))
    expect(a.room.discussion(future)).toEqual([])
    expect(a.room.discussion('B'.repeat(21))).toEqual([])
    expect(a.room.discussion('not even an id')).toEqual([])
    expect((await c.comment(a.room, 'B'.repeat(21), 'hello')).ok).toBe(false)
    await sync(a, later)
    expect(a.room.discussion(future).map((v) => v.text)).toEqual(['first!'])
    void b, m2
  })

  it('two peers that receive comments, edits, hides and replies in opposite orders show the same thread', async () => {
    const { a, b, d, m, id } = await hostileRoom()
    const { id: q } = expectOk(await c.comment(b.room, id, 'Question'))
    await sync(a, b, d, m)
    expectOk(await c.comment(d.room, id, 'Answer', q))
    expectOk(await c.editComment(b.room, id, q, 'Question, edited'))
    await sync(a, b, d, m)
    expectOk(await c.hideComment(a.room, id, q))
    const mc = chainOf(m.me, 9e15)
    const hostile = [
      await mc({ t: 'com', id, c: 'hostile00001', n: 1, text: 'one', re: q }),
      await mc({ t: 'com', id, c: 'hostile00001', n: 1, text: 'one, twin', re: q }),
      await mc({ t: 'com', id, c: 'hostile00002', n: 1, text: 'two', re: `${m.me.id}/hostile00001` }),
      await mc({ t: 'com', id, c: 'hostile00002', n: 2, text: '', gone: true }),
    ]
    await inject(m, ...hostile)
    await sync(a, b, d, m)
    // x and y get everything, in opposite orders
    const [x, y] = [await peer(), await peer()]
    const all = [...(a.doc.getMap('records') as Y.Map<HearthRecord>).values(), ...hostile]
    writeEach(x, all)
    writeEach(y, [...all].reverse())
    await sync(x, y)
    expect(strip(x.room.discussion(id))).toEqual(strip(y.room.discussion(id)))
    expect(strip(x.room.discussion(id))).toEqual(strip(a.room.discussion(id)))
  })

  it('an attacker flooding comments with low seqs never pushes out another member’s comment', async () => {
    const { a, b, m, id } = await hostileRoom()
    const { id: ref } = expectOk(await c.comment(b.room, id, 'Mine stays'))
    await sync(a, b, m)
    const mc = chainOf(m.me, 1)
    const flood: HearthRecord[] = []
    for (let i = 0; i < QUOTAS.com + 20; i++) flood.push(await mc({ t: 'com', id, c: `fl${String(i).padStart(10, '0')}`, n: 1, text: 'x'.repeat(100) }))
    await inject(a, ...flood)
    const texts = flat(a.room.discussion(id))
    expect(texts.filter((v) => v.by === m.me.id)).toHaveLength(QUOTAS.com)
    expect(texts.find((v) => v.ref === ref)!.text).toBe('Mine stays')
    expect(a.room.ledger.quota.over()).toBe(20)
    // and b may still write
    expectOk(await c.comment(b.room, id, 'Still can'))
  }, 60_000)

  it('deleting and restoring records again and again never counts them twice', async () => {
    const { a, m, id } = await hostileRoom()
    const mc = chainOf(m.me, 9e15)
    const recs: HearthRecord[] = []
    for (let i = 0; i < 5; i++) recs.push(await mc({ t: 'com', id, c: `rs${String(i).padStart(10, '0')}`, n: 1, text: 'x' }))
    await inject(a, ...recs)
    for (let round = 0; round < 3; round++) {
      const evil = new Y.Doc()
      Y.applyUpdate(evil, Y.encodeStateAsUpdate(a.doc))
      evil.transact(() => recs.forEach((r) => evil.getMap('records').delete(recordKey(r))))
      Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(evil, Y.encodeStateVector(a.doc)))
      await a.room.ledger.settled()
    }
    expect(a.room.discussion(id)).toHaveLength(5)
    expect(a.room.ledger.quota.over()).toBe(0)
    const q = openQuota()
    for (const r of recs) q.admit(recordKey(r), r)
    for (const r of recs) q.admit(recordKey(r), r)
    const next = await mc({ t: 'com', id, c: 'rs9999999999', n: 1, text: 'x' })
    expect(q.wouldExceed(next)).toBeNull()
  })

  it('unchained (legacy) comments count against the author’s limit too', () => {
    const q = openQuota()
    const by = 'x'.repeat(43)
    let out = 0
    for (let i = 0; i < QUOTAS.com + 5; i++) {
      const r = { t: 'com', id: 'A'.repeat(21), c: `lg${String(i).padStart(10, '0')}`, n: 1, by, at: T0, text: 'x', sig: `s${i}`.padEnd(86, 'a') } as HearthRecord
      out += q.admit(recordKey(r), r).length
    }
    expect(out).toBe(5)
  })

  it('the bytes limit keeps the same records whatever order they arrive in', () => {
    const by = 'y'.repeat(43)
    // 4,000-character comments (4,300 against the budget each), spread over invitations to stay under the per-invitation count
    const text = 'x'.repeat(4000)
    const mk = (seq: number, t = text, gone = false): HearthRecord => ({
      t: 'com', id: `inv${String(Math.floor(seq / 1000)).padStart(18, '0')}`, c: `cc${String(seq).padStart(10, '0')}`, n: 1, by, at: T0,
      text: t, ...(gone ? { gone: true } : {}), seq, sig: `s${String(seq).padStart(12, '0')}`.padEnd(86, 'a'),
    }) as HearthRecord
    const k = Math.floor(QUOTAS.bytes / 4300)
    const fill = Array.from({ length: k }, (_, i) => mk(i + 1))
    const big = mk(k + 1) // doesn't fit in what is left
    const small = mk(k + 2, '', true) // would fit
    const outcome = (order: HearthRecord[]) => {
      const q = openQuota()
      const out = new Set<string>()
      for (const r of order) for (const key of q.admit(recordKey(r), r)) out.add(key)
      return [...out].sort()
    }
    expect(outcome([...fill, big, small])).toEqual(outcome([...fill, small, big]))
  })
})
