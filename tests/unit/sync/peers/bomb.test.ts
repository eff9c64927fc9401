import { describe, expect, it } from 'vitest'
import { chunkedChannel, DEFLATED, framesOf } from '../../../../src/sync/peers/index.ts'
import { deflateBomb, peakRise } from '../../fixtures/bomb.ts'


/** a data channel as simple-peer hands it over, driven by the test: what a hostile peer sends arrives through `receive` */
const fakeChannel = () => {
  const real = {
    readyState: 'open', label: 'test', bufferedAmount: 0, binaryType: 'blob', bufferedAmountLowThreshold: 0,
    onmessage: null as ((e: { data: ArrayBuffer }) => void) | null,
    addEventListener: () => {}, send: () => {}, close: () => {},
  }
  const channel = chunkedChannel(real as unknown as RTCDataChannel)
  const got: ArrayBuffer[] = []
  channel.onmessage = (e: MessageEvent) => got.push(e.data as ArrayBuffer)
  const receive = (bytes: Uint8Array, flags: number) => {
    for (const frame of framesOf(bytes, flags)) real.onmessage!({ data: frame.buffer as ArrayBuffer })
  }
  return { receive, got }
}

/** waits until `n` messages came through: a small one sent after the bomb tells when the bomb has been dealt with */
const delivered = async (got: unknown[], n: number) => {
  for (let i = 0; i < 3000 && got.length < n; i++) await new Promise((r) => setTimeout(r, 5))
}

describe('a deflate bomb on a data channel', () => {
  it('190 KB in 3 frames that would inflate to 190 MiB is refused, and raises memory by a few MB at most', async () => {
    const bomb = deflateBomb(190)
    expect(framesOf(bomb, DEFLATED).length).toBe(3)
    const { got, receive } = fakeChannel()
    const { rise } = await peakRise(async () => {
      receive(bomb, DEFLATED)
      receive(new Uint8Array([1, 2, 3]), 0)
      await delivered(got, 1)
    })
    expect(got.map((m) => m.byteLength)).toEqual([3])
    // generous: the stream stops at 20× what it read, plus its own buffers
    expect(rise).toBeLessThan(8 * 1024 * 1024)
  }, 30_000)

  it('still delivers an honest deflated message, which deflates far less than 20×', async () => {
    const text = new TextEncoder().encode(Array.from({ length: 20_000 }, () => Math.random().toString(36)).join(','))
    const packed = new Uint8Array(await new Response(new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer())
    const { got, receive } = fakeChannel()
    receive(packed, DEFLATED)
    await delivered(got, 1)
    expect(new Uint8Array(got[0])).toEqual(text)
  })
})
