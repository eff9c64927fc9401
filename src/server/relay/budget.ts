import { isIPv6 } from 'node:net'

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

/** the eight 16-bit groups of an IPv6 address, or null */
const groupsOf = (address: string): number[] | null => {
  const bare = address.split('%')[0]
  const halves = bare.split('::')
  if (halves.length > 2) return null
  const parse = (part: string) => {
    if (!part) return []
    const out: number[] = []
    for (const g of part.split(':')) {
      if (g.includes('.')) {
        const v4 = g.split('.').map(Number)
        out.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3])
      } else out.push(parseInt(g, 16))
    }
    return out
  }
  const head = parse(halves[0])
  const tail = halves.length === 2 ? parse(halves[1]) : []
  const groups = halves.length === 2 ? [...head, ...new Array(Math.max(0, 8 - head.length - tail.length)).fill(0), ...tail] : head
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null
}

/**
 * What a byte budget counts against: an IPv4 address itself, but an IPv6 address's /64, which one
 * subscriber usually holds whole (so a stranger can't take a fresh budget with each of its 2^64 addresses).
 */
export const networkOf = (address: string) => {
  if (!isIPv6(address)) return address
  const groups = groupsOf(address)
  return groups ? `${groups.slice(0, 4).map((g) => g.toString(16)).join(':')}::/64` : address
}
