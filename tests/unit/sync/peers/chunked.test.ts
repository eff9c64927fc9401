import { describe, expect, it } from 'vitest'
import { chunkedChannel } from '../../../../src/sync/peers/index.ts'

/** two chunked channels joined back to back, as two phones' data channels: what one sends, the other receives */
const pair = () => {
  const frames: Uint8Array[] = []
  const real = (to: () => { onmessage: ((e: { data: ArrayBuffer }) => void) | null }) => ({
    readyState: 'open', label: 'test', bufferedAmount: 0, binaryType: 'blob', bufferedAmountLowThreshold: 0,
    onmessage: null as ((e: { data: ArrayBuffer }) => void) | null,
    addEventListener: () => {}, close: () => {},
    send(frame: Uint8Array) { frames.push(frame); to().onmessage!({ data: frame.slice().buffer }) },
  })
  const b = real(() => a)
  const a = real(() => b)
  const sender = chunkedChannel(a as unknown as RTCDataChannel)
  const receiver = chunkedChannel(b as unknown as RTCDataChannel)
  const got: Uint8Array[] = []
  receiver.onmessage = (e: MessageEvent) => got.push(new Uint8Array(e.data as ArrayBuffer))
  return { sender, got, frames }
}

const until = async (ok: () => boolean) => {
  for (let i = 0; i < 3000 && !ok(); i++) await new Promise((r) => setTimeout(r, 5))
}

/** like a room's records: text that deflates about 4× */
const records = (n: number) => new TextEncoder().encode(Array.from({ length: n }, (_, i) => `{"id":"${i}","title":"Dinner ${Math.random().toString(36).slice(2)}","when":${1e12 + i}}`).join(','))

describe('a chunked data channel', () => {
  it('carries a room of megabytes deflated in many frames, and what follows it after it, in order', async () => {
    const { sender, got, frames } = pair()
    const room = records(40_000)
    expect(room.length).toBeGreaterThan(2_000_000)
    sender.send(new Uint8Array([9]))
    sender.send(room)
    sender.send(new Uint8Array([1, 2, 3]))
    await until(() => got.length === 3)
    expect(got.map((m) => m.length)).toEqual([1, room.length, 3])
    // vitest's deep equality takes tens of seconds over megabytes
    expect(Buffer.from(got[1]).equals(Buffer.from(room))).toBe(true)
    // deflated: fewer bytes on the wire than the room, in more than one frame
    const wire = frames.reduce((n, f) => n + f.length, 0)
    expect(wire).toBeLessThan(room.length / 2)
    expect(frames.length).toBeGreaterThan(3)
  }, 30_000)

  it('carries a message that deflates to less than a frame in one', async () => {
    const { sender, got, frames } = pair()
    const small = new TextEncoder().encode('a'.repeat(50_000))
    sender.send(small)
    await until(() => got.length === 1)
    expect(got[0]).toEqual(small)
    expect(frames.length).toBe(1)
  })
})
