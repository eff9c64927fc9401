import { describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { roomKeys } from '../../../../src/crypto/index.ts'
import { Op } from '../../../../src/protocol/index.ts'
import { applySliced, asideCounted } from '../../../../src/sync/guard/index.ts'
import { openSnapshot, sealEntry } from '../../../../src/sync/relay/index.ts'
import { readKept } from '../../../../src/sync/relay/mend.ts'
import { createSnapshots } from '../../../../src/sync/relay/snapshots.ts'
import { until } from '../../fixtures/relay.ts'
import { halves } from '../../fixtures/halves.ts'
import { snapshotHost } from '../../fixtures/snapshot-host.ts'

const keys = roomKeys(`aside ${Math.random()}`)

describe('aside: what this phone snapshots', () => {
  // an entry set aside is counted by the cursor (its seq is passed): a snapshot sealed at that seq must hold it,
  // or a newcomer who reads the snapshot and the log after it never gets it
  // and as the guard keeps it: junk in it is not passed on (the guard would have dropped it before it waited in Yjs)
  it('a relay entry set aside and counted by the cursor is in the snapshot this phone uploads, without its junk', async () => {
    const { n, first, second } = halves(3000, (ana) => ana.getMap('records').set('junk/object', { fine: true }))
    const ben = new Y.Doc()
    const held = await applySliced(ben, second, { relay: 'wss://r' }, 'the relay')
    expect(held?.size).toBe(1)
    expect(ben.getMap('records').size).toBe(0)
    const { sent, host } = snapshotHost(ben, keys)
    vi.useFakeTimers()
    try {
      const s = createSnapshots(host)
      s.maybe()
      // nothing places it here: past the wait, the snapshot is sealed with it
      await vi.advanceTimersByTimeAsync(30_000)
      s.stop()
    } finally { vi.useRealTimers() }
    expect(sent.length).toBe(1)
    const snap = openSnapshot(keys, sent[0])!
    expect(snap.cover?.seq).toBe(300)
    const newcomer = new Y.Doc()
    Y.applyUpdate(newcomer, first) // the room's start, from elsewhere
    Y.applyUpdate(newcomer, snap.update)
    expect(newcomer.getMap('records').has('junk/object')).toBe(false)
    expect(newcomer.getMap('records').size).toBe(n)
  })

  // a newcomer's first join: its relay entries wait aside while a peer's copy of the room comes in. Sealed then, the
  // snapshot would guard each entry again in the middle of the join and hold a half-taken room; it waits for them
  it('while a relay entry waits aside, the snapshot waits; once a peer places it, the snapshot holds the whole room', async () => {
    const { n, first, second } = halves(3000)
    const ben = new Y.Doc()
    await applySliced(ben, second, { relay: 'wss://r' }, 'the relay')
    const { sent, host } = snapshotHost(ben, keys)
    vi.useFakeTimers()
    try {
      const s = createSnapshots(host)
      s.maybe()
      await vi.advanceTimersByTimeAsync(6000)
      expect(sent.length).toBe(0)
      const placed = applySliced(ben, first, 'peer', 'a peer') // the room's start: the entry set aside goes in after it
      await vi.advanceTimersByTimeAsync(1000)
      await placed
      expect(ben.getMap('records').size).toBe(n)
      await vi.advanceTimersByTimeAsync(6000)
      s.stop()
    } finally { vi.useRealTimers() }
    expect(sent.length).toBe(1)
    const newcomer = new Y.Doc()
    Y.applyUpdate(newcomer, openSnapshot(keys, sent[0])!.update)
    expect(newcomer.getMap('records').size).toBe(n)
    expect(newcomer.store.pendingStructs).toBeNull()
  })
  // the cursor counted the entry when it was set aside: from then until it is in the document, a snapshot sealed at
  // any moment must hold it, also while it waits its turn behind the copy that placed it
  it('an entry set aside stays in what this phone snapshots until it is in the document', async () => {
    const { n, first, second } = halves(3000)
    const ben = new Y.Doc()
    await applySliced(ben, second, { relay: 'wss://r' }, 'the relay')
    const short: number[] = []
    ben.on('update', () => {
      if (ben.getMap('records').size >= n) return
      const newcomer = new Y.Doc()
      Y.applyUpdate(newcomer, first)
      Y.applyUpdate(newcomer, Y.mergeUpdates([Y.encodeStateAsUpdate(ben), ...asideCounted(ben)]))
      if (newcomer.getMap('records').size < n) short.push(ben.getMap('records').size)
    })
    await applySliced(ben, first, 'peer', 'a peer')
    await until(() => ben.getMap('records').size === n, 8000)
    expect(short).toEqual([])
  }, 20_000)
})

describe('aside: a newcomer reading the kept history', () => {
  const read = async (doc: Y.Doc, updates: { seq: number; data: Uint8Array }[]) => {
    const head = updates.at(-1)!.seq
    const history = async () => ({ op: Op.State, req: 0, topic: keys.topic, head, snapshot: null, updates }) as never
    await readKept(doc, keys, history, (u) => applySliced(doc, u, 'kept', 'the relay'), async () => {}, () => false)
  }

  it('an entry logged before the one it builds on still reaches the document', async () => {
    const { n, first, second } = halves()
    const s = 'streamAAAAAA'
    const doc = new Y.Doc()
    await read(doc, [
      { seq: 1, data: sealEntry(keys, { stream: s, n: 2 }, second) }, // pushed first by a phone that had the first half from a peer
      { seq: 2, data: sealEntry(keys, { stream: s, n: 1 }, first) },
    ])
    await until(() => doc.getMap('records').size === n, 8000).catch(() => {})
    expect(doc.getMap('records').size).toBe(n)
  }, 20_000)

  it('a kept entry this document can place (it holds what the entry builds on) reaches it', async () => {
    const { n, first, second } = halves()
    const doc = new Y.Doc()
    Y.applyUpdate(doc, first, 'peer') // the room's start, from a peer: the relay's kept history lacks it
    await read(doc, [{ seq: 7, data: sealEntry(keys, { stream: 'streamBBBBBB', n: 1 }, second) }])
    await until(() => doc.getMap('records').size === n, 8000).catch(() => {})
    expect(doc.getMap('records').size).toBe(n)
  }, 20_000)
})
