import { describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { roomKeys } from '../../../../src/crypto/index.ts'
import { applySliced, asideCounted, asideSince } from '../../../../src/sync/guard/index.ts'
import { openSnapshot } from '../../../../src/sync/relay/index.ts'
import { createSnapshots } from '../../../../src/sync/relay/snapshots.ts'
import { halves } from '../../fixtures/halves.ts'
import { snapshotHost } from '../../fixtures/snapshot-host.ts'

const keys = roomKeys(`aside twice ${Math.random()}`)


describe('aside: the same bytes from a peer first, then from the relay', () => {
  it('the relay copy counted by the cursor is in what this phone snapshots', async () => {
    const { n, first, second } = halves()
    const ben = new Y.Doc()
    await applySliced(ben, second, 'peer', 'a peer', undefined, true) // a member forwards the relay entry's plaintext first
    const held = await applySliced(ben, second, { relay: 'wss://r' }, 'the relay')
    expect(held?.size).toBe(1) // counted: saw() moves the cursor past this entry
    expect(asideCounted(ben).length).toBe(1)

    const { sent, host } = snapshotHost(ben, keys)
    vi.useFakeTimers()
    try {
      const s = createSnapshots(host)
      s.maybe()
      await vi.advanceTimersByTimeAsync(30_000)
      s.stop()
    } finally { vi.useRealTimers() }
    expect(sent.length).toBe(1)
    const snap = openSnapshot(keys, sent[0])!
    expect(snap.cover?.seq).toBe(300)
    const newcomer = new Y.Doc()
    Y.applyUpdate(newcomer, first) // the room's start, from elsewhere; the log after seq 300 does not hold the entry
    Y.applyUpdate(newcomer, snap.update)
    expect(newcomer.getMap('records').size).toBe(n)
  })
})

describe('aside: the snapshot wait after an earlier one', () => {
  it('a later set of entries aside gets its wait too', async () => {
    const a = halves()
    const b = halves()
    const ben = new Y.Doc()
    const { cursor, sent, host } = snapshotHost(ben, keys)
    vi.useFakeTimers()
    try {
      const s = createSnapshots(host)
      await applySliced(ben, a.second, { relay: 'wss://r' }, 'the relay')
      s.maybe()
      await vi.advanceTimersByTimeAsync(30_000) // nothing places it: sealed past the wait, with it
      expect(sent.length).toBe(1)
      const placed = applySliced(ben, a.first, 'peer', 'a peer')
      await vi.advanceTimersByTimeAsync(2000)
      await placed
      await vi.waitFor(() => expect(asideSince(ben)).toBe(0))
      await vi.advanceTimersByTimeAsync(3_600_000) // an hour later: another writer's entries come without their start
      await applySliced(ben, b.second, { relay: 'wss://r' }, 'the relay')
      cursor.seq += 300
      s.maybe()
      await vi.advanceTimersByTimeAsync(6000)
      expect(sent.length).toBe(1) // not sealed at the first tick, mid-join
      s.stop()
    } finally { vi.useRealTimers() }
  }, 30_000)
})
