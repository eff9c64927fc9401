import { describe, expect, it } from 'vitest'
import { channelPair, linkApart } from '../../fixtures/channel.ts'

const NONCE = 2
const PROOF = 3

describe('two paired phones that edited apart', () => {
  it('both get what the other holds, even when one reads the other’s ask before it has checked their hello', async () => {
    // Ana's hello is held back and arrives in one burst with the next message she sends, as the network may hand over
    // several at once: Ben reads her sync message while he still checks her hello
    const held: ArrayBuffer[] = []
    const ends = channelPair((from, d) => {
      if (from === 'a' && new Uint8Array(d)[0] === PROOF) { held.push(d); return [] }
      return from === 'a' && new Uint8Array(d)[0] !== NONCE ? [...held.splice(0), d] : [d]
    })
    const { proved, expected } = await linkApart(ends, 'B'.repeat(21), 't'.repeat(32))
    expect(proved).toEqual(expected)
  })
})
