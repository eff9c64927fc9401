import { describe, expect, it } from 'vitest'
import { channelPair, linkApart } from '../../fixtures/channel.ts'

describe('a paired phone whose first message is lost', () => {
  it('still proves itself and both sides sync: the challenge is sent again until the other’s hello comes', async () => {
    // as seen in Chromium: the answering phone's challenge, sent the moment its channel opened, was lost without a word
    let lost = false
    const ends = channelPair((from, d) => (from === 'b' && !lost ? (lost = true, []) : [d]))
    const { proved, expected } = await linkApart(ends, 'C'.repeat(21), 'u'.repeat(32), 5000)
    expect(proved).toEqual(expected)
  })
})
