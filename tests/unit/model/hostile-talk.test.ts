import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import type { Identity } from '../../../src/identity/index.ts'
import { hashOf, refOf } from '../../../src/model/records/index.ts'
import { aboutOf, discussionOf, commentTexts, type CommentView } from '../../../src/model/views/index.ts'
import { openQuota, QUOTAS } from '../../../src/model/ledger/index.ts'
import { commands as c, commentRef, recordKey, type CommentRecord, type HearthRecord, type RoomRecord } from '../../../src/model/index.ts'
import { HOUR, T0, event, expectOk, forge, forgeNext, inject, peer, sync, type Peer } from '../fixtures/model.ts'

/** a hosts an event; b, d are guests; m is the hostile member */
const room = async () => {
  const [a, b, d, m] = [await peer(), await peer(), await peer(), await peer()]
  const { id } = expectOk(await c.invite(a.room, 'event', event()))
  await sync(a, b, d, m)
  return { a, b, d, m, id }
}

const flat = (list: CommentView[]): CommentView[] => list.flatMap((v) => [v, ...flat(v.replies)])
const find = (p: Peer, id: string, ref: string) => flat(p.room.discussion(id)).find((v) => v.ref === ref)
const strip = (list: CommentView[]): unknown => list.map((v) => ({ ref: v.ref, text: v.text, gone: v.gone, hidden: v.hidden, re: v.re, replies: strip(v.replies) }))

/** a chain of records signed by one identity, written by hand */
const chainOf = (signer: Identity, startSeq = 1) => {
  let head: HearthRecord | undefined
  let seq = startSeq
  return async (record: Record<string, unknown>) => {
    head = await forge(signer, { seq: seq++, prev: head && hashOf(head), by: signer.id, ...record })
    return head
  }
}

describe('hostile talk: comments', () => {
  it('nobody edits or withdraws another member’s comment, nor signs as them', async () => {
    const { a, b, d, m, id } = await room()
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
    const { a, b, d, m, id } = await room()
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
    const { a, b, d, m, id } = await room()
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
    const [a, b, d] = [await peer(), await peer(), await peer()]
    const { id } = expectOk(await c.invite(a.room, 'event', event()))
    expectOk(await c.inviteCohost(a.room, id, b.me.id))
    await sync(a, b, d)
    expectOk(await c.acceptCohost(b.room, id))
    await sync(a, b, d)
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
    const [a, b, d] = [await peer(), await peer(), await peer()]
    const { id } = expectOk(await c.invite(a.room, 'event', event()))
    expectOk(await c.inviteCohost(a.room, id, b.me.id))
    await sync(a, b, d)
    expectOk(await c.acceptCohost(b.room, id))
    await sync(a, b, d)
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

  it('reply loops, self-replies and replies to elsewhere don’t throw, lose or move honest comments', async () => {
    const { a, b, d, m, id } = await room()
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
    const { a, m, id } = await room()
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
    const { a, b, m } = await room()
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
    const { a, b, d, m, id } = await room()
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
    const write = (p: Peer, list: HearthRecord[]) => list.forEach((r) => p.doc.transact(() => p.doc.getMap('records').set(recordKey(r), r)))
    write(x, all)
    write(y, [...all].reverse())
    await sync(x, y)
    expect(strip(x.room.discussion(id))).toEqual(strip(y.room.discussion(id)))
    expect(strip(x.room.discussion(id))).toEqual(strip(a.room.discussion(id)))
  })

  it('an attacker flooding comments with low seqs never pushes out another member’s comment', async () => {
    const { a, b, m, id } = await room()
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
    const { a, m, id } = await room()
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

describe('hostile talk: the room’s name', () => {
  it('refs to records that don’t exist, a forged time and a self-ref don’t let a rename win', async () => {
    const [a, m] = [await peer(), await peer()]
    expectOk(await c.describeRoom(a.room, 'Garden club', ''))
    await sync(a, m)
    const mc = chainOf(m.me, 9e15)
    await inject(m,
      await mc({ t: 'room', n: 1, name: 'Ghost refs', about: '', after: Array.from({ length: 16 }, (_, i) => `nothere${String(i).padStart(5, '0')}`), at: 8.64e15 }),
      await mc({ t: 'room', n: 2, name: 'Old claim', about: '', at: 0 }),
    )
    await sync(a, m)
    expectOk(await c.describeRoom(a.room, 'Garden club, again', ''))
    await sync(a, m)
    for (const p of [a, m]) expect(p.room.about().current!.name).toBe('Garden club, again')
  })

  it('a member can’t freeze the name: decoy heads with low refs can’t make an honest rename lose', async () => {
    const [a, b, m] = [await peer(), await peer(), await peer()]
    expectOk(await c.describeRoom(a.room, 'Garden club', ''))
    await sync(a, b, m)
    const H = [...m.room.ledger.about.values()][0]
    // m's head: two renames deep past a's, with a ref that sorts late
    const mc = chainOf(m.me, 9e15)
    const x1 = await mc({ t: 'room', n: 1, name: 'Spam 1', about: '', after: [refOf(H)] })
    let x2: HearthRecord
    let i = 0
    do x2 = await forge(m.me, { t: 'room', n: 2, by: m.me.id, name: 'Buy spam', about: `${i++}`, after: [refOf(x1)], seq: 9e15 + 1, prev: hashOf(x1) })
    while (!/^[a-z_]/.test(refOf(x2)))
    // then sixteen decoys that follow nothing, each with a ref that sorts before the head's
    const decoys: HearthRecord[] = []
    let head = x2
    let seq = 9e15 + 2
    while (decoys.length < 16) {
      const r = await forge(m.me, { t: 'room', n: 3 + decoys.length, by: m.me.id, name: 'decoy', about: `${i++}`, seq, prev: hashOf(head) })
      if (refOf(r) < refOf(x2)) { decoys.push(r); head = r; seq++ }
    }
    await inject(m, x1, x2, ...decoys)
    await sync(a, b, m)
    expect(a.room.about().current!.name).toBe('Buy spam')
    expectOk(await c.describeRoom(b.room, 'Garden club (real)', ''))
    await sync(a, b, m)
    for (const p of [a, b, m]) expect(p.room.about().current!.name).toBe('Garden club (real)')
  })

  it('the name can’t be made empty, invisible or bidi-flipped', async () => {
    const [a, m] = [await peer(), await peer()]
    expectOk(await c.describeRoom(a.room, 'Garden club', ''))
    await sync(a, m)
    const H = [...m.room.ledger.about.values()][0]
    await inject(m, await forgeNext(m, m.me, { t: 'room', n: 1, by: m.me.id, name: '\u202Ebulc nedraG\u202C', about: '\u202E', after: [refOf(H)] }))
    await sync(a, m)
    expect(a.room.about().current!.name).toBe('bulc nedraG')
    const after = refOf(m.room.ledger.chains.head(m.me.id)!)
    await inject(m, await forgeNext(m, m.me, { t: 'room', n: 2, by: m.me.id, name: '\u200B\u2060\u200E', about: '', after: [after] }))
    await sync(a, m)
    const current = a.room.about().current!
    expect(current.name.trim()).not.toBe('')
    expect(a.room.about().history.every((h) => h.name.trim() !== '')).toBe(true)
  })

  it('two peers that receive renames in different orders agree on the name and its history', async () => {
    const [a, b, m] = [await peer(), await peer(), await peer()]
    expectOk(await c.describeRoom(a.room, 'A1', ''))
    expectOk(await c.describeRoom(b.room, 'B1', ''))
    await sync(a, b, m)
    expectOk(await c.describeRoom(a.room, 'A2', ''))
    const mc = chainOf(m.me, 9e15)
    const heads = [...m.room.ledger.about.values()].map(refOf)
    const hostile = [
      await mc({ t: 'room', n: 1, name: 'M1', about: '', after: heads }),
      await mc({ t: 'room', n: 2, name: 'M2', about: '', after: heads }),
      await mc({ t: 'room', n: 3, name: 'M3', about: '' }),
    ]
    await inject(m, ...hostile)
    await sync(a, b, m)
    const [x, y] = [await peer(), await peer()]
    const all = [...(m.doc.getMap('records') as Y.Map<HearthRecord>).values()]
    const write = (p: Peer, list: HearthRecord[]) => list.forEach((r) => p.doc.transact(() => p.doc.getMap('records').set(recordKey(r), r)))
    write(x, all)
    write(y, [...all].reverse())
    await settleAll(x, y)
    const view = (p: Peer) => p.room.about().history.map((h) => h.ref)
    expect(view(x)).toEqual(view(y))
    expect(view(x)).toEqual(view(a))
  })
})

const settleAll = (...ps: Peer[]) => Promise.all(ps.map((p) => p.room.ledger.settled()))

describe('hostile talk: attendance', () => {
  it('a host can’t record who came before the start (as claimed), nor about themselves', async () => {
    const [a, b, d] = [await peer(), await peer(), await peer()]
    const { id } = expectOk(await c.invite(a.room, 'event', event()))
    expectOk(await c.inviteCohost(a.room, id, b.me.id))
    await sync(a, b, d)
    expectOk(await c.acceptCohost(b.room, id))
    await sync(a, b, d)
    expect((await c.recordAttendance(a.room, id, [d.me.id])).ok).toBe(false)
    const next = a.room.state(id)!.next
    await inject(a, await forgeNext(a, a.me, { t: 'inv', id, v: next, by: a.me.id, op: 'attended', ms: [d.me.id], at: T0 + 23 * HOUR }))
    a.clock.t = T0 + 25 * HOUR
    expect((await c.recordAttendance(a.room, id, [a.me.id, d.me.id])).ok).toBe(false)
    await inject(a, await forgeNext(a, a.me, { t: 'inv', id, v: a.room.state(id)!.next, by: a.me.id, op: 'attended', ms: [a.me.id], at: T0 + 25 * HOUR }))
    await sync(a, b, d)
    expect(d.room.invitation(id)!.attended).toEqual([])
    expectOk(await c.recordAttendance(a.room, id, [b.me.id]))
    await sync(a, b, d)
    expect(d.room.invitation(id)!.attended).toEqual([b.me.id])
  })
})

describe('hostile talk: views stay up under odd and huge data', () => {
  const member = (i: number) => `m${String(i).padStart(42, '0')}`
  const com = (i: number, by: string, re?: string, at = T0 + i): CommentRecord => ({
    t: 'com', id: 'A'.repeat(21), c: `c${String(i).padStart(11, '0')}`, n: 1, by, at, text: `comment ${i}`, re, seq: i + 1, sig: `s${String(i).padStart(12, '0')}`.padEnd(86, 'a'),
  })
  const opts = { me: member(0), now: T0 + HOUR, floor: T0 - HOUR, contested: () => false }

  it('20,000 comments from 200 members, flat and as short threads, in well under a second', () => {
    const recs: CommentRecord[] = []
    for (let i = 0; i < 20_000; i++) {
      const by = member(i % 200)
      recs.push(com(i, by, i % 3 === 2 ? commentRef(recs[i - 1]) : undefined))
    }
    const start = performance.now()
    const list = discussionOf(recs, [commentRef(recs[0])], opts)
    const took = performance.now() - start
    expect(flat(list)).toHaveLength(20_000)
    expect(took).toBeLessThan(1000)
  })

  it('a reply chain 5,000 deep neither overflows the stack nor takes long', () => {
    const recs: CommentRecord[] = []
    for (let i = 0; i < 5_000; i++) recs.push(com(i, member(i % 3), i ? commentRef(recs[i - 1]) : undefined))
    const start = performance.now()
    let list: CommentView[] = []
    expect(() => { list = discussionOf(recs, [], opts) }).not.toThrow()
    expect(performance.now() - start).toBeLessThan(1000)
    expect(() => commentTexts(list)).not.toThrow()
  })

  it('a reply chain 20,000 deep (ten members’ worth) neither overflows the stack nor takes long', () => {
    const recs: CommentRecord[] = []
    for (let i = 0; i < 20_000; i++) recs.push(com(i, member(i % 10), i ? commentRef(recs[i - 1]) : undefined))
    const start = performance.now()
    let list: CommentView[] = []
    expect(() => { list = discussionOf(recs, [], opts) }).not.toThrow()
    expect(performance.now() - start).toBeLessThan(2000)
    expect(() => commentTexts(list)).not.toThrow()
  })

  it('a withdrawn chain 5,000 deep (all gone) leaves nothing and doesn’t overflow', () => {
    const recs: CommentRecord[] = []
    for (let i = 0; i < 5_000; i++) {
      const r = com(i, member(i % 3), i ? commentRef(recs[2 * (i - 1)]) : undefined)
      recs.push(r, { ...r, n: 2, text: '', gone: true, seq: r.seq! + 100_000, sig: `g${r.sig.slice(1)}` })
    }
    expect(() => discussionOf(recs, [], opts)).not.toThrow()
  })

  it('odd values in records that passed the checks don’t make the views throw', () => {
    const recs: CommentRecord[] = [
      com(1, member(1), undefined, 0),
      com(2, member(2), undefined, 8.64e15),
      { ...com(3, member(3)), seq: undefined, sig: 'z'.repeat(86) },
      { ...com(3, member(3)), n: 2, seq: undefined, sig: 'y'.repeat(86) },
      com(4, member(4), 'garbage'),
    ]
    expect(() => discussionOf(recs, ['nonsense', ''], opts)).not.toThrow()
    const rooms: RoomRecord[] = [
      { t: 'room', n: 1, by: member(1), at: 0, name: ' ', about: '', sig: 'a'.repeat(86) },
      { t: 'room', n: 2, by: member(1), at: 8.64e15, name: 'x', about: ' ', after: ['a'.repeat(12), 'b'.repeat(12)], sig: 'b'.repeat(86) },
    ]
    expect(() => aboutOf(rooms, () => false, T0)).not.toThrow()
  })

  it('a chain of 20,000 renames (forty members’ worth) is ordered in well under a second', () => {
    const recs: RoomRecord[] = []
    for (let i = 0; i < 20_000; i++)
      recs.push({ t: 'room', n: i + 1, by: member(i % 40), at: T0, name: `n${i}`, about: '', after: i ? [recs[i - 1].sig.slice(0, 12)] : undefined, seq: i + 1, sig: `${String(i).padStart(12, '0')}`.padEnd(86, 'a') })
    const start = performance.now()
    const about = aboutOf(recs.reverse(), () => false, T0)
    expect(about.current!.name).toBe('n19999')
    expect(performance.now() - start).toBeLessThan(1000)
  })
})
