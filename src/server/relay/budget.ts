import ipaddr from 'ipaddr.js'
import { unmapped } from '../address.ts'

/**
 * What one network may store in a sliding window: bytes counted in `slots` equal slices of `windowMs`,
 * and a spend is refused when the slices still inside the window already hold `limit`. Only what is
 * stored counts, so `spend` hands back a refund for a write that turned out to store nothing.
 *
 * Any secret makes a valid room, so neither the topics-per-address cap (rooms joined now) nor a room's
 * quota bounds what a stranger can pile up; this does, together with the store's own budget.
 * Counted per relay instance (several instances behind one Redis each give an address its own).
 */
export const byteWindow = (limit: number, windowMs = 3_600_000, slots = 60, now = Date.now) => {
  const slice = windowMs / slots
  /** per key: bytes by slice number, oldest first */
  const spent = new Map<string, Map<number, number>>()
  let sweptAt = now()

  const current = (key: string, at: number) => {
    const slices = spent.get(key)
    if (!slices) return 0
    let sum = 0
    for (const [n, bytes] of slices) {
      if (n <= at - slots) slices.delete(n)
      else sum += bytes
    }
    if (!slices.size) spent.delete(key)
    return sum
  }

  // an address that went quiet leaves nothing behind for long
  const sweep = (t: number) => {
    if (t - sweptAt < slice) return
    sweptAt = t
    const at = Math.floor(t / slice)
    for (const key of [...spent.keys()]) current(key, at)
  }

  return {
    /** null when `key` has no room left for `bytes` in the window; else a refund for when nothing was stored */
    spend(key: string, bytes: number): (() => void) | null {
      const t = now()
      sweep(t)
      const at = Math.floor(t / slice)
      if (current(key, at) + bytes > limit) return null
      let slices = spent.get(key)
      if (!slices) spent.set(key, (slices = new Map()))
      slices.set(at, (slices.get(at) ?? 0) + bytes)
      let refunded = false
      return () => {
        if (refunded) return
        refunded = true
        const s = spent.get(key)
        const left = (s?.get(at) ?? 0) - bytes
        if (!s) return
        if (left > 0) s.set(at, left)
        else s.delete(at)
        if (!s.size) spent.delete(key)
      }
    },
    /** keys with bytes inside the window (for tests) */
    size: () => spent.size,
  }
}

/**
 * What a byte budget counts against: an IPv4 address itself, but an IPv6 address's /64, which one
 * subscriber usually holds whole (so a stranger can't take a fresh budget with each of its 2^64 addresses).
 * An IPv4 client seen through a dual-stack socket (::ffff:a.b.c.d) counts as its IPv4 address.
 */
export const networkOf = (address: string) => {
  const bare = unmapped(address)
  if (!ipaddr.IPv6.isValid(bare)) return bare
  return `${ipaddr.IPv6.parse(bare).parts.slice(0, 4).map((g) => g.toString(16)).join(':')}::/64`
}

/** An IPv6 address's /48 (one site, 65,536 /64s: what one stranger may hold); an IPv4 address as it is. */
export const siteOf = (address: string) => {
  const bare = unmapped(address)
  if (!ipaddr.IPv6.isValid(bare)) return bare
  return `${ipaddr.IPv6.parse(bare).parts.slice(0, 3).map((g) => g.toString(16)).join(':')}::/48`
}
