import { describe, expect, it } from 'vitest'
import { byteWindow, networkOf } from '../../../../src/server/relay/budget.ts'
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
    expect(networkOf('203.0.113.7')).toBe('203.0.113.7')
    expect(networkOf('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64')
    expect(networkOf('2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64')
    expect(networkOf('2001:0db8:0001:0002::')).toBe('2001:db8:1:2::/64')
    expect(networkOf('::1')).toBe('0:0:0:0::/64')
    expect(networkOf('fe80::1%eth0')).toBe('fe80:0:0:0::/64')
    expect(networkOf('64:ff9b::198.51.100.1')).toBe('64:ff9b:0:0::/64')
    // one /64 is one budget, whichever of its addresses comes
    expect(networkOf('2001:db8:1:2::7')).toBe(networkOf('2001:db8:1:2:dead:beef:0:1'))
    expect(networkOf('2001:db8:1:3::7')).not.toBe(networkOf('2001:db8:1:2::7'))
    expect(networkOf('2001:DB8:1:2::1')).toBe('2001:db8:1:2::/64')
    // an IPv4 client through a dual-stack socket is its IPv4 address, not the one ::ffff:0:0/96 everyone shares
    expect(networkOf('::ffff:203.0.113.7')).toBe('203.0.113.7')
    expect(networkOf('::ffff:cb00:7107')).toBe('203.0.113.7')
    // what isn't an address is counted as itself
    expect(networkOf('unknown')).toBe('unknown')
    expect(networkOf('2001:db8::1::2')).toBe('2001:db8::1::2')
  })

  it('takes an IPv4 client over a dual-stack socket as its IPv4 address, and leaves any other address as it is', () => {
    expect(unmapped('::ffff:198.51.100.1')).toBe('198.51.100.1')
    expect(unmapped('::FFFF:198.51.100.1')).toBe('198.51.100.1')
    expect(unmapped('198.51.100.1')).toBe('198.51.100.1')
    expect(unmapped('2001:db8::1')).toBe('2001:db8::1')
    expect(unmapped('::1')).toBe('::1')
    expect(unmapped('64:ff9b::198.51.100.1')).toBe('64:ff9b::198.51.100.1')
    expect(unmapped('unknown')).toBe('unknown')
  })
})
