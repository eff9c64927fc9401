import ipaddr from 'ipaddr.js'

/**
 * Whether a pairing candidate is an address another phone at the gathering could really use: not loopback,
 * unspecified, link-local, multicast or broadcast, and not a cloud metadata address (a crafted code must not
 * make a phone probe those), in any spelling (IPv4-mapped and NAT64 forms included). mDNS names
 * (`<uuid>.local`) stand for a LAN address and are fine.
 */
export const usableCandidate = (address: string, port: number): boolean => {
  if (!Number.isInteger(port) || port < 1 || port > 65535) return false
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.local$/i.test(address)) return true
  if (ipaddr.IPv4.isValidFourPartDecimal(address)) return usableV4(ipaddr.IPv4.parse(address))
  return plainV6(address) && usableV6(ipaddr.IPv6.parse(address))
}

/** An address's 4 or 16 bytes, for a pairing code; the address is one usableCandidate took. */
export const addressBytes = (address: string): number[] => ipaddr.parse(address).toByteArray()

/** An address from its 4 or 16 bytes, spelled as usableCandidate reads it. */
export const addressOf = (bytes: Uint8Array): string => ipaddr.fromByteArray([...bytes]).toNormalizedString()

// ipaddr.js also reads a zone (fe80::1%eth0) and hex parts in an IPv4 tail; a candidate's address has neither
const plainV6 = (text: string) => /^[0-9a-f:.]+$/i.test(text) && ipaddr.IPv6.isValid(text)

const UNUSABLE_V4 = [
  '0.0.0.0/8',
  '127.0.0.0/8',
  '169.254.0.0/16', // link-local, and the cloud metadata address 169.254.169.254
  '224.0.0.0/3', // multicast, reserved and broadcast
  '100.100.100.200/32', // another cloud's metadata address
].map((r) => ipaddr.IPv4.parseCIDR(r))

// these carry an IPv4 address in their last four bytes and are as usable as it is (:: and ::1 among them)
const CARRY_V4 = ['::ffff:0:0/96', '::/96', '64:ff9b::/96'].map((r) => ipaddr.IPv6.parseCIDR(r))

const UNUSABLE_V6 = [
  'fe80::/10',
  'ff00::/8',
  'fd00:ec2::254/128', // a cloud metadata address
].map((r) => ipaddr.IPv6.parseCIDR(r))

const usableV4 = (ip: ipaddr.IPv4) => !UNUSABLE_V4.some((r) => ip.match(r))

const usableV6 = (ip: ipaddr.IPv6) =>
  CARRY_V4.some((r) => ip.match(r)) ? usableV4(new ipaddr.IPv4(ip.toByteArray().slice(12))) : !UNUSABLE_V6.some((r) => ip.match(r))
