import { describe, expect, it } from 'vitest'
import * as wire from '../../../../src/protocol/index.ts'
import { DEFAULT_RELAY_LIMITS } from '../../../../src/server/relay/index.ts'
import { ackFrame, entryFrame, stateParts } from '../../../../src/server/relay/index.ts'
import { queueMeter, sweepQueues, type Queued } from '../../../../src/server/relay/index.ts'
import { snapshotCache } from '../../../../src/server/relay/index.ts'

const { Op } = wire
const MiB = 1024 * 1024
const joined = (parts: Uint8Array[]) => Buffer.concat(parts.map((p) => Buffer.from(p)))
const entry = (seq: number, n: number) => ({ seq, data: new Uint8Array(n).fill(seq) })

describe('the frames written for every push', () => {
  it('are encodeRelay byte for byte: Update, Live and Ack, across the varint sizes', () => {
    const numbers = [0, 1, 127, 128, 300, 16_383, 16_384, 2 ** 21, 2 ** 31 + 5, Number.MAX_SAFE_INTEGER]
    for (const seq of numbers) {
      for (const data of [new Uint8Array(0), entry(1, 127).data, entry(2, 420).data, entry(3, 70_000).data]) {
        for (const op of [Op.Update, Op.Live] as const) {
          const m = { op, topic: 'T'.repeat(43), seq, data }
          expect(Buffer.from(entryFrame(op, m.topic, seq, data)).equals(Buffer.from(wire.encodeRelay(m)))).toBe(true)
        }
      }
      for (const req of numbers) expect(Buffer.from(ackFrame(req, seq)).equals(Buffer.from(wire.encodeRelay({ op: Op.Ack, req, seq })))).toBe(true)
    }
    // a topic the store gave back as it was sent: its bytes, whatever they are
    const odd = { op: Op.Update, topic: 'é'.repeat(70), seq: 9, data: entry(9, 5).data } as const
    expect(wire.decodeRelay(entryFrame(odd.op, odd.topic, odd.seq, odd.data))).toEqual(odd)
  })
})

describe('a State in parts', () => {
  it('is encodeRelay byte for byte, with the snapshot data as one part, shared and not copied', () => {
    const snapshot = entry(300, 70_000)
    const states: Extract<wire.RelayMessage, { op: wire.Op.State }>[] = [
      { op: Op.State, req: 7, topic: 'A'.repeat(43), head: 0, snapshot: null, updates: [] },
      { op: Op.State, req: 1, topic: 'B'.repeat(43), head: 300, snapshot, updates: [] },
      { op: Op.State, req: 200_000, topic: 'C'.repeat(43), head: 302, snapshot, updates: [entry(301, 5), entry(302, 300)], epoch: 'ep0ch' },
      { op: Op.State, req: 3, topic: 'D'.repeat(43), head: 900, snapshot, updates: [entry(301, 5)], more: true },
    ]
    for (const m of states) {
      const parts = stateParts(m)
      expect(joined(parts).equals(Buffer.from(wire.encodeRelay(m)))).toBe(true)
      expect(wire.decodeRelay(joined(parts))).toEqual(m)
      if (m.snapshot) expect(parts[1]).toBe(m.snapshot.data)
    }
  })
})

describe('queued bytes', () => {
  const limits = { ...DEFAULT_RELAY_LIMITS, queuedPerSocket: 4 * MiB, minDrain: 16 * 1024, stallMs: 10_000, queuedTotal: 64 * MiB }
  const socket = (queued: number): Queued & { dropped: boolean } => {
    const s = { queued, drained: 0, over: null, dropped: false, drop: () => { s.dropped = true } }
    return s
  }

  it('count a buffer queued to many sockets once', () => {
    const meter = queueMeter()
    const shared = new Uint8Array(10)
    meter.hold(shared); meter.hold(shared); meter.hold(new Uint8Array(5))
    expect(meter.bytes()).toBe(15)
    meter.release(shared)
    expect(meter.bytes()).toBe(15)
    meter.release(shared)
    expect(meter.bytes()).toBe(5)
  })

  it('close a socket over its budget that drains too little for stallMs, and spare one that drains', () => {
    const meter = queueMeter()
    const stuck = socket(8 * MiB)
    const slow = socket(8 * MiB)
    const small = socket(MiB)
    sweepQueues([stuck, slow, small], meter, limits, 0)
    slow.drained = 200 * 1024
    sweepQueues([stuck, slow, small], meter, limits, 9_000)
    expect(stuck.dropped).toBe(false)
    sweepQueues([stuck, slow, small], meter, limits, 10_000)
    expect([stuck.dropped, slow.dropped, small.dropped]).toEqual([true, false, false])
  })

  it('past the process budget, drop the longest queues over their own budget until under it', () => {
    const meter = queueMeter()
    const bufs = [new Uint8Array(40 * MiB), new Uint8Array(30 * MiB), new Uint8Array(2 * MiB)]
    bufs.forEach((b) => meter.hold(b))
    const sockets = bufs.map((b) => {
      const s = socket(b.length)
      s.drop = () => { s.dropped = true; meter.release(b) }
      return s
    })
    sweepQueues(sockets, meter, limits, 0)
    expect(sockets.map((s) => s.dropped)).toEqual([true, false, false])
  })
})

describe('the snapshot cache', () => {
  it('gives a snapshot back only for its epoch and seq, and keeps within its bytes, the least lately used going first', () => {
    const cache = snapshotCache(100)
    cache.put('a', 'e1', entry(5, 40))
    cache.put('b', 'e1', entry(6, 40))
    expect(cache.get('a', 'e2', 5)).toBeUndefined()
    expect(cache.get('a', 'e1', 4)).toBeUndefined()
    expect(cache.get('a', 'e1', 5)?.length).toBe(40)
    cache.put('c', 'e1', entry(7, 40))
    expect(cache.seqOf('b')).toBeUndefined()
    expect(cache.seqOf('a')).toBe(5)
    cache.put('d', 'e1', entry(8, 101))
    expect(cache.seqOf('d')).toBeUndefined()
    expect(cache.bytes()).toBe(80)
  })
})
