/**
 * Whether a pairing candidate is an address another phone at the gathering could really use: not loopback,
 * unspecified, link-local, multicast or broadcast, and not a cloud metadata address (a crafted code must not
 * make a phone probe those), in any spelling (IPv4-mapped and NAT64 forms included). mDNS names
 * (`<uuid>.local`) stand for a LAN address and are fine.
 */
export const usableCandidate = (address: string, port: number): boolean => {
  if (!Number.isInteger(port) || port < 1 || port > 65535) return false
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.local$/i.test(address)) return true
  const v4 = ipv4(address)
  if (v4) return usableV4(v4)
  const v6 = ipv6(address)
  return !!v6 && usableV6(v6)
}

const ipv4 = (text: string): number[] | null => {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text)
  const parts = m?.slice(1).map(Number)
  return parts && parts.every((p) => p <= 255) ? parts : null
}

const usableV4 = ([a, b, c, d]: number[]) =>
  !(a === 0 || a === 127 || (a === 169 && b === 254) || a >= 224 || (a === 100 && b === 100 && c === 100 && d === 200))

/** 16 bytes, or null; an embedded IPv4 tail (::ffff:1.2.3.4) is read too */
const ipv6 = (text: string): number[] | null => {
  if (!text.includes(':') || !/^[0-9a-f:.]+$/i.test(text)) return null
  let tail: number[] = []
  let head = text
  if (text.includes('.')) {
    const colon = text.lastIndexOf(':')
    const v4 = ipv4(text.slice(colon + 1))
    if (!v4) return null
    tail = v4
    // '::ffff:1.2.3.4' → '::ffff'; '64:ff9b::1.2.3.4' → '64:ff9b::'
    head = text.slice(0, colon)
    if (head.endsWith(':')) head += ':'
  }
  const halves = head.split('::')
  if (halves.length > 2) return null
  const groups = (s: string) => (s ? s.split(':').filter((g, i, all) => g !== '' || i < all.length - 1) : [])
  const left = groups(halves[0])
  const right = halves.length === 2 ? groups(halves[1]) : []
  const want = 8 - tail.length / 2
  if (left.some((g) => !/^[0-9a-f]{1,4}$/i.test(g)) || right.some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) return null
  const fill = want - left.length - right.length
  if (halves.length === 1 ? fill !== 0 : fill < 1) return null
  const all = [...left, ...Array(halves.length === 2 ? fill : 0).fill('0'), ...right]
  return [...all.flatMap((g) => { const n = parseInt(g, 16); return [n >> 8, n & 255] }), ...tail]
}

const usableV6 = (b: number[]) => {
  const zero = (from: number, to: number) => b.slice(from, to).every((x) => x === 0)
  if (zero(0, 15) && (b[15] === 0 || b[15] === 1)) return false // :: and ::1
  if (zero(0, 10) && b[10] === 255 && b[11] === 255) return usableV4(b.slice(12)) // ::ffff:a.b.c.d
  if (zero(0, 12)) return usableV4(b.slice(12)) // ::a.b.c.d
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zero(4, 12)) return usableV4(b.slice(12)) // 64:ff9b::/96
  if (b[0] === 0xfe && (b[1] & 0xc0) === 0x80) return false // fe80::/10 link-local
  if (b[0] === 0xff) return false // multicast
  if (b[0] === 0xfd && b[1] === 0x00 && b[2] === 0x0e && b[3] === 0xc2 && zero(4, 14) && b[14] === 0x02 && b[15] === 0x54) return false // fd00:ec2::254
  return true
}
