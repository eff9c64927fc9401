/**
 * Whether a pairing candidate is an address another phone at the gathering could really use: not loopback,
 * unspecified, link-local, multicast or broadcast, and not a cloud metadata address (a crafted code must not
 * make a phone probe those). mDNS names (`<uuid>.local`) stand for a LAN address and are fine.
 */
export const usableCandidate = (address: string, port: number): boolean => {
  if (!Number.isInteger(port) || port < 1 || port > 65535) return false
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.local$/i.test(address)) return true
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address)
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])]
    if (v4.slice(1).some((x) => Number(x) > 255)) return false
    return !(a === 0 || a === 127 || (a === 169 && b === 254) || a >= 224 || address === '100.100.100.200')
  }
  if (!/^[0-9a-f:]+$/i.test(address) || !address.includes(':')) return false
  const first = parseInt(address.split(':')[0] || '0', 16)
  if (/^(0*:)*:?0*1?$/.test(address) || /^::$/.test(address)) return false
  // fe80::/10 link-local, ff00::/8 multicast, fd00:ec2::254 is a cloud metadata address
  if ((first & 0xffc0) === 0xfe80 || (first & 0xff00) === 0xff00 || /^fd00:ec2:(0:){0,5}:?254$/i.test(address)) return false
  return true
}
