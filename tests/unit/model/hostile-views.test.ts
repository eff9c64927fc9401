import { describe, expect, it } from 'vitest'
import { aboutOf, discussionOf, commentTexts, type CommentView } from '../../../src/model/views/index.ts'
import { commentRef, type CommentRecord, type RoomRecord } from '../../../src/model/index.ts'
import { HOUR, T0 } from '../fixtures/model.ts'
import { flat } from '../fixtures/talk.ts'

describe('hostile talk: views stay up under odd and huge data', () => {
  const member = (i: number) => `m${String(i).padStart(42, '0')}`
  const com = (i: number, by: string, re?: string, at = T0 + i): CommentRecord => ({
    t: 'com', id: 'A'.repeat(21), c: `c${String(i).padStart(11, '0')}`, n: 1, by, at, text: `comment ${i}`, re, seq: i + 1, sig: `s${String(i).padStart(12, '0')}`.padEnd(86, 'a'),
  })
  const opts = { me: member(0), now: T0 + HOUR, floor: T0 - HOUR, contested: () => false }
  // speed is the bench's job; here the work a view does is counted as the fields it reads off the records, which
  // doubles when the records double (sorting adds a little): a view that rescans them per record would quadruple
  const LINEAR = 2.5
  const counted = <R extends object>(records: R[]) => {
    const reads = { n: 0 }
    const count: ProxyHandler<R> = { get: (r, key, self) => { reads.n++; return Reflect.get(r, key, self) } }
    return { list: records.map((r) => new Proxy(r, count)), reads }
  }

  it('20,000 comments from 200 members, flat and as short threads, with work that grows only in step with their number', () => {
    const comments = (n: number) => {
      const recs: CommentRecord[] = []
      for (let i = 0; i < n; i++) recs.push(com(i, member(i % 200), i % 3 === 2 ? commentRef(recs[i - 1]) : undefined))
      return recs
    }
    const work = (n: number) => {
      const { list, reads } = counted(comments(n))
      const views = discussionOf(list, [commentRef(list[0])], opts)
      return { views, reads: reads.n }
    }
    const [half, whole] = [work(10_000), work(20_000)]
    expect(flat(whole.views)).toHaveLength(20_000)
    expect(whole.reads / half.reads).toBeLessThan(LINEAR)
  })

  it.each([[5_000, 3], [20_000, 10]])('a reply chain %i deep (%i members’ worth) neither overflows the stack nor does more than linear work', (depth, members) => {
    const chain = (n: number) => {
      const recs: CommentRecord[] = []
      for (let i = 0; i < n; i++) recs.push(com(i, member(i % members), i ? commentRef(recs[i - 1]) : undefined))
      return recs
    }
    const work = (n: number) => {
      const { list, reads } = counted(chain(n))
      let views: CommentView[] = []
      expect(() => { views = discussionOf(list, [], opts) }).not.toThrow()
      return { views, reads: reads.n }
    }
    const [half, whole] = [work(depth / 2), work(depth)]
    expect(whole.reads / half.reads).toBeLessThan(LINEAR)
    expect(() => commentTexts(whole.views)).not.toThrow()
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

  it('a chain of 20,000 renames (forty members’ worth) is ordered with work that grows only in step with its length', () => {
    const renames = (n: number) => {
      const recs: RoomRecord[] = []
      for (let i = 0; i < n; i++)
        recs.push({ t: 'room', n: i + 1, by: member(i % 40), at: T0, name: `n${i}`, about: '', after: i ? [recs[i - 1].sig.slice(0, 12)] : undefined, seq: i + 1, sig: `${String(i).padStart(12, '0')}`.padEnd(86, 'a') })
      return recs
    }
    const work = (n: number) => {
      const { list, reads } = counted(renames(n).reverse())
      return { about: aboutOf(list, () => false, T0), reads: reads.n }
    }
    const [half, whole] = [work(10_000), work(20_000)]
    expect(whole.about.current!.name).toBe('n19999')
    expect(whole.reads / half.reads).toBeLessThan(LINEAR)
  })
})
