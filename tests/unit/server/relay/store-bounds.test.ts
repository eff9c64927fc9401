import { describe, expect, it } from 'vitest'
import { DEFAULT_STORE_LIMITS, RelayError, storeCeiling } from '../../../../src/server/relay/index.ts'
import { bytes, textOf, until } from '../../fixtures/relay.ts'
import { backends, filled, fresh, storesOn, texts, topicName } from '../../fixtures/store.ts'

describe.each(backends())('relay store: $name: bounds, restarts and live messages', (backend) => {
  const { store, closeAll } = storesOn(backend)

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
