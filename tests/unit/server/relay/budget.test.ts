import { describe, expect, it } from 'vitest'
import { byteWindow, networkOf, siteOf } from '../../../../src/server/relay/index.ts'
import { unmapped } from '../../../../src/server/address.ts'

describe('relay: the per-address byte budget', () => {
  it('slides: what was stored more than the window ago no longer counts, and a refund gives bytes back', () => {
    let t = 1_000_000
    const w = byteWindow(1000, 60_000, 60, () => t)
    expect(w.spend('a', 600)).not.toBeNull()
    t += 30_000
    expect(w.spend('a', 400)).not.toBeNull()
    expect(w.spend('a', 1)).toBeNull()
    expect(w.spend('b', 1000)).not.toBeNull()
    // the first 600 leave the window a minute after they came; the 400 are still in it
    t += 30_500
    expect(w.spend('a', 601)).toBeNull()
    const refund = w.spend('a', 600)!
    expect(refund).not.toBeNull()
    expect(w.spend('a', 1)).toBeNull()
    refund()
    refund()
    expect(w.spend('a', 600)).not.toBeNull()
    // a quiet address is forgotten
    t += 120_000
    w.spend('c', 1)
    expect(w.size()).toBe(1)
  })

  it('counts an IPv6 address by its /64, and IPv4 by itself', () => {
    const networks: [address: string, network: string][] = [
      ['203.0.113.7', '203.0.113.7'],
      ['2001:db8:1:2:aaaa::1', '2001:db8:1:2::/64'],
      ['2001:db8:1:2:ffff:ffff:ffff:ffff', '2001:db8:1:2::/64'],
      ['2001:0db8:0001:0002::', '2001:db8:1:2::/64'],
      ['::1', '0:0:0:0::/64'],
      ['fe80::1%eth0', 'fe80:0:0:0::/64'],
      ['64:ff9b::198.51.100.1', '64:ff9b:0:0::/64'],
      ['2001:DB8:1:2::1', '2001:db8:1:2::/64'],
      // an IPv4 client through a dual-stack socket is its IPv4 address, not the one ::ffff:0:0/96 everyone shares
      ['::ffff:203.0.113.7', '203.0.113.7'],
      ['::ffff:cb00:7107', '203.0.113.7'],
      // what isn't an address is counted as itself
      ['unknown', 'unknown'],
      ['2001:db8::1::2', '2001:db8::1::2'],
    ]
    for (const [address, network] of networks) expect(networkOf(address), address).toBe(network)
    // one /64 is one budget, whichever of its addresses comes
    expect(networkOf('2001:db8:1:2::7')).toBe(networkOf('2001:db8:1:2:dead:beef:0:1'))
    expect(networkOf('2001:db8:1:3::7')).not.toBe(networkOf('2001:db8:1:2::7'))
  })

  it('counts an IPv6 /48 as one site: the 65,536 /64s a stranger may hold are one budget; IPv4 as itself', () => {
    expect(siteOf('2001:db8:1:2::7')).toBe('2001:db8:1::/48')
    expect(siteOf('2001:db8:1:ffff:dead:beef:0:1')).toBe(siteOf('2001:db8:1:2::7'))
    expect(siteOf('2001:db8:2:2::7')).not.toBe(siteOf('2001:db8:1:2::7'))
    expect(siteOf('::ffff:203.0.113.7')).toBe('203.0.113.7')
  })

  it('takes an IPv4 client over a dual-stack socket as its IPv4 address, and leaves any other address as it is', () => {
    const seen: [address: string, as: string][] = [
      ['::ffff:198.51.100.1', '198.51.100.1'],
      ['::FFFF:198.51.100.1', '198.51.100.1'],
      ...['198.51.100.1', '2001:db8::1', '::1', '64:ff9b::198.51.100.1', 'unknown'].map((same): [string, string] => [same, same]),
    ]
    for (const [address, as] of seen) expect(unmapped(address), address).toBe(as)
  })
})
