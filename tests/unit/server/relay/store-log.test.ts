import { describe, expect, it } from 'vitest'
import { DEFAULT_STORE_LIMITS, type Entry } from '../../../../src/server/relay/index.ts'
import { bytes, textOf } from '../../fixtures/relay.ts'
import { backends, filled, fresh, storesOn, texts, topicName } from '../../fixtures/store.ts'

describe.each(backends())('relay store: $name: its log and snapshots', (backend) => {
  const { store, closeAll } = storesOn(backend)

  it('numbers entries in order and reads from a cursor', async () => {
    const { s } = await store()
    const t = topicName()
    expect(await s.read(t, 0)).toMatchObject({ head: 0, snapshot: null, updates: [] })
    for (const [i, word] of ['one', 'two', 'three'].entries()) expect(await s.append(t, `id-${word}-x`, bytes(word))).toEqual({ seq: i + 1, duplicate: false })
    const all = await s.read(t, 0)
    expect(all.head).toBe(3)
    expect(texts(all.updates)).toEqual(['1:one', '2:two', '3:three'])
    expect(texts((await s.read(t, 2)).updates)).toEqual(['3:three'])
    expect((await s.read(t, 3)).updates).toEqual([])
  })

  it('gives each topic a random epoch with its first entry and keeps it; a wiped store gives a new one', async () => {
    const { s, place } = await store()
    const [t, u] = [topicName(), `${topicName()}u`]
    expect((await s.read(t, 0)).epoch).toBe('')
    await s.append(t, 'epoch-1-id', bytes('one'))
    await s.append(u, 'epoch-2-id', bytes('other'))
    const epoch = (await s.read(t, 0)).epoch
    expect(epoch).toMatch(/^[A-Za-z0-9_-]{11}$/)
    expect((await s.read(u, 0)).epoch).not.toBe(epoch)
    await s.append(t, 'epoch-3-id', bytes('two'))
    await s.snapshot(t, 2, bytes('snap'))
    expect((await s.read(t, 0)).epoch).toBe(epoch)
    await closeAll()
    expect((await (await store(place)).s.read(t, 1)).epoch).toBe(epoch)
    await closeAll()
    await backend.wipe(place)
    const wiped = (await store(place)).s
    expect(await wiped.read(t, 0)).toMatchObject({ head: 0, epoch: '' })
    await wiped.append(t, 'epoch-4-id', bytes('after'))
    const next = (await wiped.read(t, 0)).epoch
    expect(next).toMatch(/^[A-Za-z0-9_-]{11}$/)
    expect(next).not.toBe(epoch)
  })

  it('gives concurrent appends distinct, ascending seqs', async () => {
    const { s } = await store()
    const t = topicName()
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => s.append(t, `concurrent${i}`, bytes(`n${i}`))))
    expect(results.map((r) => r.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1))
    const read = await s.read(t, 0)
    const bySeq = new Map(results.map((r, i) => [r.seq, `n${i}`]))
    expect(read.updates.map((u) => textOf(u.data))).toEqual(read.updates.map((u) => bySeq.get(u.seq)))
  })

  it('stores a repeated id once and answers with the first seq', async () => {
    const { s } = await store()
    const t = topicName()
    expect(await s.append(t, 'same-id-1', bytes('first'))).toEqual({ seq: 1, duplicate: false })
    expect(await s.append(t, 'other-id-1', bytes('other'))).toEqual({ seq: 2, duplicate: false })
    expect(await s.append(t, 'same-id-1', bytes('again'))).toEqual({ seq: 1, duplicate: true })
    const [a, b] = await Promise.all([s.append(t, 'racing-id', bytes('a')), s.append(t, 'racing-id', bytes('b'))])
    expect([a.seq, b.seq]).toEqual([3, 3])
    expect([a.duplicate, b.duplicate].sort()).toEqual([false, true])
    expect(texts((await s.read(t, 0)).updates)).toEqual(['1:first', '2:other', '3:a'])
  })

  it('serves the snapshot and the tail after it', async () => {
    const { s } = await store()
    const t = topicName()
    for (let i = 1; i <= 5; i++) await s.append(t, `entry-${i}-id`, bytes(`u${i}`))
    expect(await s.snapshot(t, 3, bytes('snap3'))).toBe('stored')
    const fromZero = await s.read(t, 0)
    expect(fromZero.head).toBe(5)
    expect(fromZero.snapshot && `${fromZero.snapshot.seq}:${textOf(fromZero.snapshot.data)}`).toBe('3:snap3')
    expect(texts(fromZero.updates)).toEqual(['4:u4', '5:u5'])
    expect(await s.read(t, 3)).toMatchObject({ head: 5, snapshot: null })
    expect(texts((await s.read(t, 3)).updates)).toEqual(['4:u4', '5:u5'])
    expect(texts((await s.read(t, 4)).updates)).toEqual(['5:u5'])
    expect((await s.read(t, 1)).snapshot?.seq).toBe(3)
  })

  it('sends a big room in parts: at most stateEntries entries and stateBytes with the snapshot, and says when more remains', async () => {
    expect(DEFAULT_STORE_LIMITS).toMatchObject({ stateBytes: 8 * 1024 * 1024, stateEntries: 10_000 })
    const { s } = await store(fresh(), { stateEntries: 4, stateBytes: 1000 })
    const t = topicName()
    const seqs = (r: { updates: Entry[] }) => r.updates.map((u) => u.seq)
    for (let i = 1; i <= 10; i++) await s.append(t, `part-${i}-id`, filled(100))
    let r = await s.read(t, 0)
    expect([seqs(r), r.more, r.head]).toEqual([[1, 2, 3, 4], true, 10])
    r = await s.read(t, 4)
    expect([seqs(r), r.more]).toEqual([[5, 6, 7, 8], true])
    r = await s.read(t, 8)
    expect([seqs(r), r.more]).toEqual([[9, 10], false])
    await s.append(t, 'part-11-id', filled(700))
    await s.append(t, 'part-12-id', filled(400))
    r = await s.read(t, 10)
    expect([seqs(r), r.more]).toEqual([[11], true])
    r = await s.read(t, 11)
    expect([seqs(r), r.more]).toEqual([[12], false])
    // one entry larger than a State still goes, alone
    await s.append(t, 'part-13-id', filled(1500))
    r = await s.read(t, 12)
    expect([seqs(r), r.more]).toEqual([[13], false])
    // the snapshot counts
    await s.snapshot(t, 13, filled(950))
    expect(await s.read(t, 0)).toMatchObject({ snapshot: { seq: 13 }, updates: [], more: false })
    await s.append(t, 'part-14-id', filled(100))
    r = await s.read(t, 0)
    expect([r.snapshot?.seq, seqs(r), r.more]).toEqual([13, [], true])
    r = await s.read(t, 13)
    expect([r.snapshot, seqs(r), r.more]).toEqual([null, [14], false])
  })

  it('refuses stale snapshots: not newer than the current one, or past the head', async () => {
    const { s } = await store()
    const t = topicName()
    expect(await s.snapshot(t, 1, bytes('empty room'))).toBe('stale')
    for (let i = 1; i <= 4; i++) await s.append(t, `entry-${i}-id`, bytes(`u${i}`))
    expect(await s.snapshot(t, 0, bytes('nothing'))).toBe('stale')
    expect(await s.snapshot(t, 5, bytes('future'))).toBe('stale')
    expect(await s.snapshot(t, 3, bytes('three'))).toBe('stored')
    expect(await s.snapshot(t, 3, bytes('three again'))).toBe('stale')
    expect(await s.snapshot(t, 2, bytes('older'))).toBe('stale')
    expect(textOf((await s.read(t, 0)).snapshot!.data)).toBe('three')
  })
})
