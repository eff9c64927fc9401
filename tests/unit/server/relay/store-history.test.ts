import { describe, expect, it } from 'vitest'
import { DEFAULT_STORE_LIMITS, KEPT_SNAPSHOTS, RelayError } from '../../../../src/server/relay/index.ts'
import { bytes, textOf } from '../../fixtures/relay.ts'
import { backends, filled, fresh, storesOn, texts, topicName } from '../../fixtures/store.ts'

describe.each(backends())('relay store: $name: superseded history and quotas', (backend) => {
  const { store, closeAll } = storesOn(backend)

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
})
