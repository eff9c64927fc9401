import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { ClassicLevel } from 'classic-level'
import { Redis } from 'ioredis'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { openEmbedded } from '../../../../src/server/relay/embedded.ts'
import { openRedis } from '../../../../src/server/relay/redis.ts'
import { DEFAULT_STORE_LIMITS, KEPT_SNAPSHOTS, RelayError, storeCeiling, type Entry, type RelayStore, type StoreLimits } from '../../../../src/server/relay/store.ts'
import { startRedis, tempDir, until } from '../../fixtures/relay.ts'

/** what a backend holds for a topic, read behind the store's back: the retained log and the snapshots */
interface Held { log: number[]; snapshots: number[] }

interface Backend {
  name: string
  /** two live stores may share one place */
  shared: boolean
  open(place: string, limits?: Partial<StoreLimits>, now?: () => number): Promise<RelayStore>
  /** the store on `place` must be closed first for the embedded backend (LevelDB locks its directory) */
  held(place: string, topic: string): Promise<Held>
  /** resolves once an ephemeral channel's listener can hear what is published */
  listening(place: string, channel: string): Promise<void>
  /**
   * writes a room as the store kept it before superseded history was kept a while: head 3, entry 1 trimmed,
   * log 2..3 ("u2", "u3"), previous snapshot 1 ("p1"), current snapshot 3 ("p3"), 8 bytes held
   */
  legacy(place: string, topic: string): Promise<void>
  /** the store's count of every room's bytes, the rooms' own counts added up, and the bytes of every entry and snapshot it holds */
  accounting(place: string): Promise<{ held: number; rooms: number; stored: number }>
  /** everything the store on `place` held is gone (a wiped disk, a new Redis); the store must be closed */
  wipe(place: string): Promise<void>
}

const pack = (id: string, data: string) => new Uint8Array([id.length, ...new TextEncoder().encode(id + data)])

let root = ''
let redis: Awaited<ReturnType<typeof startRedis>>
let inspector: Redis

const embedded: Backend = {
  name: 'embedded',
  shared: false,
  open: (place, limits, now) => openEmbedded(join(root, place), limits, { now }),
  async held(place, topic) {
    const db = new ClassicLevel<string, Uint8Array>(join(root, place), { valueEncoding: 'view' })
    const keys = await db.keys().all()
    await db.close()
    const seqs = (prefix: string) => keys.filter((k) => k.startsWith(`${prefix}/${topic}/`)).map((k) => Number(k.slice(-16)))
    return { log: seqs('l'), snapshots: seqs('s').sort((a, b) => a - b) }
  },
  listening: async () => {},
  async legacy(place, topic) {
    const db = new ClassicLevel<string, Uint8Array>(join(root, place), { valueEncoding: 'view' })
    const pad = (n: number) => String(n).padStart(16, '0')
    const utf8 = (v: string) => new TextEncoder().encode(v)
    await db.batch([
      { type: 'put', key: `m/${topic}`, value: utf8(JSON.stringify({ head: 3, bytes: 8, cur: { seq: 3, len: 2 }, prev: { seq: 1, len: 2 } })) },
      { type: 'put', key: `l/${topic}/${pad(2)}`, value: pack('legacy-2-id', 'u2') },
      { type: 'put', key: `l/${topic}/${pad(3)}`, value: pack('legacy-3-id', 'u3') },
      { type: 'put', key: `d/${topic}/legacy-2-id`, value: utf8('2') },
      { type: 'put', key: `d/${topic}/legacy-3-id`, value: utf8('3') },
      { type: 'put', key: `s/${topic}/${pad(1)}`, value: utf8('p1') },
      { type: 'put', key: `s/${topic}/${pad(3)}`, value: utf8('p3') },
    ])
    await db.close()
  },
  wipe: async (place) => rmSync(join(root, place), { recursive: true, force: true }),
  async accounting(place) {
    const db = new ClassicLevel<string, Uint8Array>(join(root, place), { valueEncoding: 'view' })
    const out = { held: 0, rooms: 0, stored: 0 }
    for await (const [k, v] of db.iterator()) {
      if (k === 'g/bytes') out.held = Number(textOf(v))
      else if (k.startsWith('m/')) out.rooms += JSON.parse(textOf(v)).bytes
      else if (k.startsWith('l/')) out.stored += v.length - 1 - v[0]
      else if (k.startsWith('s/')) out.stored += v.length
    }
    await db.close()
    return out
  },
}

const redisBackend: Backend = {
  name: 'redis',
  shared: true,
  open: (place, limits, now) => openRedis(redis.url, limits, `${place}:`, { now }),
  async held(place, topic) {
    const k = `${place}:{${topic}}:`
    const log = (await inspector.xrange(k + 'log', '-', '+')).map(([id]) => Number(id.split('-')[0]))
    const named = (await Promise.all([inspector.hget(k + 's0', 'seq'), inspector.hget(k + 's1', 'seq')])).filter((s) => s !== null).map(Number)
    const kept = (await inspector.hkeys(k + 'kept')).map(Number)
    return { log, snapshots: [...named, ...kept].sort((a, b) => a - b) }
  },
  async listening(place, channel) {
    let n = 0
    await until(() => n > 0, 5000, async () => { n = Number((await inspector.pubsub('NUMSUB', `${place}:e:${channel}`))[1]) })
  },
  async legacy(place, topic) {
    const k = `${place}:{${topic}}:`
    await inspector.multi()
      .set(k + 'seq', 3).set(k + 'bytes', 8).set(k + 'total', 6).set(k + 'base', 2).set(k + 'd:legacy-2-id', 2).set(k + 'd:legacy-3-id', 3)
      .xadd(k + 'log', '2-1', 'd', 'u2', 'i', 'legacy-2-id', 'c', 4)
      .xadd(k + 'log', '3-1', 'd', 'u3', 'i', 'legacy-3-id', 'c', 6)
      .hset(k + 's0', 'seq', 1, 'd', 'p1')
      .hset(k + 's1', 'seq', 3, 'd', 'p3')
      .exec()
  },
  async wipe(place) {
    const gone = await inspector.keys(`${place}:*`)
    if (gone.length) await inspector.del(...gone)
  },
  async accounting(place) {
    const out = { held: Number(await inspector.get(`${place}:held`)), rooms: 0, stored: 0 }
    for (const key of await inspector.keys(`${place}:{*}:*`)) {
      const name = key.slice(key.lastIndexOf(':') + 1)
      if (name === 'bytes') out.rooms += Number(await inspector.get(key))
      if (name === 'log') for (const [, f] of await inspector.xrangeBuffer(key, '-', '+')) out.stored += f[1].length
      if (name === 's1' || name === 's0') out.stored += (await inspector.hgetBuffer(key, 'd'))?.length ?? 0
      if (name === 'kept') for (const v of Object.values(await inspector.hgetallBuffer(key))) out.stored += v.length
    }
    return out
  },
}

beforeAll(async () => {
  root = tempDir('store')
  redis = await startRedis()
  inspector = new Redis(redis.url)
}, 20_000)

afterAll(async () => {
  inspector?.disconnect()
  await redis?.stop()
  rmSync(root, { recursive: true, force: true })
})

const bytes = (text: string) => new TextEncoder().encode(text)
const textOf = (data: Uint8Array) => new TextDecoder().decode(data)
const texts = (entries: Entry[]) => entries.map((e) => `${e.seq}:${textOf(e.data)}`)
const filled = (n: number) => new Uint8Array(n).fill(7)

let counter = 0
const fresh = () => `p${process.pid}x${++counter}`
const topicName = () => `topic_${counter}_${Math.random().toString(36).slice(2, 10)}`

describe.each([embedded, redisBackend])('relay store: $name', (backend) => {
  const open: RelayStore[] = []
  const store = async (place = fresh(), limits?: Partial<StoreLimits>, clock?: { t: number }) => {
    const s = await backend.open(place, limits, clock && (() => clock.t))
    open.push(s)
    return { s, place }
  }
  const closeAll = async () => { await Promise.all(open.splice(0).map((s) => s.close())) }
  afterEach(closeAll)

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

  it('keeps every superseded snapshot and the log under it for keepMs, then lets them go oldest first', async () => {
    const clock = { t: 1_000_000 }
    const t0 = clock.t
    const limits = { keepMs: 10_000 }
    const { s, place } = await store(fresh(), limits, clock)
    const t = topicName()
    for (let i = 1; i <= 6; i++) await s.append(t, `entry-${i}-id`, bytes(`u${i}`))
    await s.snapshot(t, 2, bytes('s2'))
    clock.t += 1000
    await s.snapshot(t, 4, bytes('s4'))
    clock.t += 1000
    await s.snapshot(t, 6, bytes('s6'))
    for (let i = 7; i <= 8; i++) await s.append(t, `entry-${i}-id`, bytes(`u${i}`))
    const read = await s.read(t, 0)
    expect(read.snapshot?.seq).toBe(6)
    expect(texts(read.updates)).toEqual(['7:u7', '8:u8'])
    await closeAll()
    expect(await backend.held(place, t)).toEqual({ log: [1, 2, 3, 4, 5, 6, 7, 8], snapshots: [2, 4, 6] })
    // the empty room before the first snapshot was superseded at t0: the log the first snapshot covers goes keepMs later
    clock.t = t0 + 10_000 + 1
    let again = (await store(place, limits, clock)).s
    await again.append(t, 'entry-9-id', bytes('u9'))
    await closeAll()
    expect(await backend.held(place, t)).toEqual({ log: [3, 4, 5, 6, 7, 8, 9], snapshots: [2, 4, 6] })
    clock.t = t0 + 12_000 + 1
    again = (await store(place, limits, clock)).s
    expect(await again.snapshot(t, 9, bytes('s9'))).toBe('stored')
    await closeAll()
    expect(await backend.held(place, t)).toEqual({ log: [7, 8, 9], snapshots: [6, 9] })
    again = (await store(place, limits, clock)).s
    const after = await again.read(t, 0)
    expect(textOf(after.snapshot!.data)).toBe('s9')
    expect(after).toMatchObject({ head: 9, updates: [] })
  })

  it("doesn't let a member's two snapshots in a row evict the honest history before them", async () => {
    expect(DEFAULT_STORE_LIMITS.keepMs).toBe(3 * 24 * 3600 * 1000)
    const clock = { t: 5_000_000 }
    const { s, place } = await store(fresh(), {}, clock)
    const t = topicName()
    for (let i = 1; i <= 3; i++) await s.append(t, `honest-${i}-id`, bytes(`u${i}`))
    expect(await s.snapshot(t, 3, bytes('honest'))).toBe('stored')
    // Mallory holds the key: a push and a snapshot that leaves everything out, twice, a minute apart
    clock.t += 60_000
    await s.append(t, 'mallory-1-id', bytes('m1'))
    expect(await s.snapshot(t, 4, bytes('bogus'))).toBe('stored')
    clock.t += 60_000
    await s.append(t, 'mallory-2-id', bytes('m2'))
    expect(await s.snapshot(t, 5, bytes('bogus again'))).toBe('stored')
    await closeAll()
    expect(await backend.held(place, t)).toEqual({ log: [1, 2, 3, 4, 5], snapshots: [3, 4, 5] })
    // a day later it is all still there
    clock.t += 24 * 3600 * 1000
    const again = (await store(place, {}, clock)).s
    await again.append(t, 'later-1-id', bytes('u6'))
    await closeAll()
    expect(await backend.held(place, t)).toEqual({ log: [1, 2, 3, 4, 5, 6], snapshots: [3, 4, 5] })
  })

  it('keeps the oldest superseded snapshot however many come after it: a flood of snapshots thins only the middle', async () => {
    const T = 9_000_000
    const clock = { t: T }
    const { s, place } = await store(fresh(), { keepMs: 10_000 }, clock)
    const t = topicName()
    await s.append(t, 'flood-1-id', bytes('u1'))
    await s.snapshot(t, 1, bytes('honest'))
    // the empty room's point expires, so the honest snapshot is the oldest kept
    clock.t = T + 10_001
    for (let i = 2; i <= 40; i++) {
      clock.t += 100
      await s.append(t, `flood-${i}-id`, bytes(`u${i}`))
      expect(await s.snapshot(t, i, bytes(`bogus ${i}`))).toBe('stored')
    }
    await closeAll()
    const held = await backend.held(place, t)
    expect(held.log).toEqual(Array.from({ length: 39 }, (_, i) => i + 2))
    expect(held.snapshots[0]).toBe(1)
    expect(held.snapshots.at(-1)).toBe(40)
    expect(held.snapshots.length).toBeLessThanOrEqual(KEPT_SNAPSHOTS + 1)
    // thinned points hand their time on: superseded at T + 10101, the honest one is kept as long as the last one
    // thinned (superseded at T + 12401) would have been
    clock.t = T + 21_000
    const again = (await store(place, { keepMs: 10_000 }, clock)).s
    await again.append(t, 'flood-41-id', bytes('u41'))
    await closeAll()
    expect((await backend.held(place, t)).snapshots[0]).toBe(1)
  })

  it('refuses appends past the byte quota, counting snapshots; superseded history goes, oldest first, only when the room needs the room', async () => {
    const { s, place } = await store(fresh(), { topicBytes: 1000 })
    const t = topicName()
    await s.append(t, 'quota-1-id', filled(400))
    await s.append(t, 'quota-2-id', filled(400))
    const full = await s.append(t, 'quota-3-id', filled(400)).catch((e) => e)
    expect(full).toBeInstanceOf(RelayError)
    expect(full.code).toBe('room-full')
    expect((await s.read(t, 0)).head).toBe(2)
    expect(await s.snapshot(t, 1, filled(50))).toBe('stored')
    expect(await s.snapshot(t, 2, filled(50))).toBe('stored')
    // 900 held, all of it kept history the newest snapshot supersedes
    await closeAll()
    expect(await backend.held(place, t)).toEqual({ log: [1, 2], snapshots: [1, 2] })
    const again = (await store(place, { topicBytes: 1000 })).s
    // 150 more needs the oldest point to go: the empty room and the log under snapshot 1
    expect((await again.append(t, 'quota-4-id', filled(150))).seq).toBe(3)
    await closeAll()
    expect(await backend.held(place, t)).toEqual({ log: [2, 3], snapshots: [1, 2] })
    const third = (await store(place, { topicBytes: 1000 })).s
    expect((await third.append(t, 'quota-5-id', filled(400))).seq).toBe(4)
    await expect(third.append(t, 'quota-6-id', filled(500))).rejects.toMatchObject({ code: 'room-full' })
    await closeAll()
    expect(await backend.held(place, t)).toEqual({ log: [3, 4], snapshots: [2] })
  })

  it('takes no new rooms once it holds storeBytes, while rooms it holds still take writes up to a ceiling an eighth above', async () => {
    const limits = { storeBytes: 1000 }
    const { s, place } = await store(fresh(), limits)
    const [a, b, c, d] = [topicName(), `${topicName()}b`, `${topicName()}c`, `${topicName()}d`]
    await s.append(a, 'store-1-id', filled(600))
    await s.append(b, 'store-2-id', filled(390))
    await s.append(d, 'store-3-id', filled(10))
    // 1000 held: a stranger's new room is refused, plainly
    const refused = await s.append(c, 'store-4-id', filled(1)).catch((e) => e)
    expect(refused).toBeInstanceOf(RelayError)
    expect(refused.code).toBe('room-full')
    expect(refused.message).toMatch(/relay is full/i)
    expect((await s.read(c, 0)).head).toBe(0)
    // rooms it holds carry on, up to 1125
    expect((await s.append(a, 'store-5-id', filled(100))).seq).toBe(2)
    expect(await s.snapshot(a, 2, filled(20))).toBe('stored')
    // at the ceiling, a snapshot that can't free what it adds is refused (a tiny room can't balloon)
    await expect(s.snapshot(d, 1, filled(100))).rejects.toMatchObject({ code: 'room-full' })
    // and a room with no history to give up takes nothing more
    await expect(s.append(b, 'store-6-id', filled(10))).rejects.toMatchObject({ code: 'room-full' })
    // a room that has some gives it up to take the write: the store is truly full
    expect((await s.append(a, 'store-7-id', filled(10))).seq).toBe(3)
    // 430 held now, so new rooms are welcome again
    expect((await s.append(c, 'store-8-id', filled(200))).seq).toBe(1)
    await closeAll()
    expect(await backend.held(place, a)).toEqual({ log: [3], snapshots: [2] })
    // the count survives a restart
    const again = (await store(place, limits)).s
    await expect(again.append(`${topicName()}e`, 'store-9-id', filled(371))).rejects.toMatchObject({ code: 'room-full' })
    expect((await again.append(`${topicName()}f`, 'store-10-id', filled(370))).seq).toBe(1)
  })

  it('counts exactly what it holds, room by room and all together, through appends, snapshots, thinning, expiry and pressure', async () => {
    const clock = { t: 3_000_000 }
    const limits = { topicBytes: 3000, keepMs: 5000, storeBytes: 6000 }
    const { s, place } = await store(fresh(), limits, clock)
    const rooms = [topicName(), `${topicName()}q`, `${topicName()}r`]
    let seed = 7
    const random = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n }
    const heads = new Map<string, number>()
    for (let i = 0; i < 300; i++) {
      const t = rooms[random(3)]
      clock.t += random(400)
      if (random(4)) {
        const r = await s.append(t, `count-${i}-id`, filled(1 + random(300))).catch(() => null)
        if (r) heads.set(t, r.seq)
      } else if (heads.get(t)) await s.snapshot(t, heads.get(t)!, filled(random(200))).catch(() => null)
    }
    await closeAll()
    const count = await backend.accounting(place)
    expect(count.rooms).toBe(count.stored)
    expect(count.held).toBe(count.stored)
    expect(count.held).toBeLessThanOrEqual(storeCeiling({ ...DEFAULT_STORE_LIMITS, ...limits }))
  })

  it('takes over a room stored before superseded history was kept: its previous snapshot becomes the oldest point', async () => {
    const place = fresh()
    const t = topicName()
    await backend.legacy(place, t)
    const clock = { t: 2_000_000 }
    const limits = { keepMs: 10_000, topicBytes: 12 }
    const { s } = await store(place, limits, clock)
    const read = await s.read(t, 0)
    expect(read).toMatchObject({ head: 3, updates: [] })
    expect(textOf(read.snapshot!.data)).toBe('p3')
    expect(texts((await s.read(t, 1)).updates)).toEqual([])
    expect(await s.append(t, 'legacy-3-id', bytes('again'))).toEqual({ seq: 3, duplicate: true })
    expect((await s.append(t, 'after-4-id', bytes('u4'))).seq).toBe(4)
    expect(await s.snapshot(t, 4, bytes('s4'))).toBe('stored')
    await closeAll()
    expect(await backend.held(place, t)).toEqual({ log: [2, 3, 4], snapshots: [1, 3, 4] })
    clock.t += 10_001
    const again = (await store(place, limits, clock)).s
    expect((await again.append(t, 'after-5-id', bytes('u5'))).seq).toBe(5)
    // what is held is counted right: s4 and u5 are 4 of the 12 bytes
    expect((await again.append(t, 'after-6-id', filled(8))).seq).toBe(6)
    await expect(again.append(t, 'after-7-id', filled(1))).rejects.toMatchObject({ code: 'room-full' })
    await closeAll()
    expect(await backend.held(place, t)).toEqual({ log: [5, 6], snapshots: [4] })
  })

  it('keeps what it acknowledged across a close and a new store on the same data', async () => {
    const { s, place } = await store()
    const t = topicName()
    await s.append(t, 'durable-1-id', bytes('kept'))
    await Promise.all([s.append(t, 'durable-2-id', bytes('also')), s.append(t, 'durable-3-id', bytes('kept too'))])
    await s.snapshot(t, 1, bytes('snap'))
    await closeAll()
    const again = (await store(place)).s
    const read = await again.read(t, 0)
    expect(read.head).toBe(3)
    expect(textOf(read.snapshot!.data)).toBe('snap')
    expect(read.updates.map((u) => u.seq)).toEqual([2, 3])
    expect(await again.append(t, 'durable-2-id', bytes('resent'))).toEqual({ seq: 2, duplicate: true })
    expect(await again.append(t, 'durable-4-id', bytes('next'))).toEqual({ seq: 4, duplicate: false })
  })

  it('fans every append out live to its topic\'s subscribers, and stops when they leave', async () => {
    const { s, place } = await store()
    const t = topicName()
    const got: string[] = []
    const other: string[] = []
    const off = s.subscribe(t, (e) => got.push(`${e.seq}:${textOf(e.data)}`))
    s.subscribe(topicName(), (e) => other.push(textOf(e.data)))
    await s.read(t, 0)
    await s.append(t, 'live-1-id', bytes('hello'))
    await until(() => got.length === 1)
    expect(got).toEqual(['1:hello'])
    if (backend.shared) {
      const second = (await store(place)).s
      const seen: string[] = []
      second.subscribe(t, (e) => seen.push(`${e.seq}:${textOf(e.data)}`))
      await second.read(t, 0)
      await second.append(t, 'live-2-id', bytes('from the other'))
      await s.append(t, 'live-3-id', bytes('from the first'))
      await until(() => got.length === 3 && seen.length === 2)
      expect(got).toEqual(['1:hello', '2:from the other', '3:from the first'])
      expect(seen).toEqual(['2:from the other', '3:from the first'])
    }
    off()
    await s.append(t, 'live-4-id', bytes('nobody'))
    await s.read(t, 0)
    expect(got.length).toBe(backend.shared ? 3 : 1)
    expect(other).toEqual([])
  })

  it('passes ephemeral messages to listeners without storing them', async () => {
    const { s, place } = await store()
    const heard: string[] = []
    const off = s.listen('presence/x', (m) => heard.push(m.toString('hex')))
    const peer = backend.shared ? (await store(place)).s : s
    await backend.listening(place, 'presence/x')
    peer.publish('presence/x', 'hi')
    peer.publish('presence/x', new Uint8Array([0, 255, 10]))
    peer.publish('presence/y', 'elsewhere')
    await until(() => heard.length === 2)
    expect(heard).toEqual([Buffer.from('hi').toString('hex'), '00ff0a'])
    off()
    peer.publish('presence/x', 'gone')
    await new Promise((ok) => setTimeout(ok, 50))
    expect(heard.length).toBe(2)
  })

  it('refuses topics and ids that could break out of their keys', async () => {
    const { s } = await store()
    await expect(s.append('a/b', 'good-id-1', bytes('x'))).rejects.toMatchObject({ code: 'bad-topic' })
    await expect(s.append('fine', 'bad/id/1', bytes('x'))).rejects.toMatchObject({ code: 'bad-message' })
    await expect(s.read('a}b', 0)).rejects.toBeInstanceOf(RelayError)
    expect(DEFAULT_STORE_LIMITS.topicBytes).toBe(64 * 1024 * 1024)
  })
})
