import { addressBytes, addressOf, usableCandidate } from './address.ts'
/**
 * A WebRTC offer or answer squeezed to what a data channel needs (ICE ufrag and pwd, the DTLS
 * fingerprint and role, host candidates), so that it fits a QR code a phone can read from a screen.
 * The SDP is rebuilt around those fields on the other side.
 */
export interface Compact {
  ufrag: string
  pwd: string
  fingerprint: Uint8Array
  setup: 'actpass' | 'active' | 'passive'
  candidates: { address: string; port: number; tcp: boolean }[]
}

const SETUPS = ['actpass', 'active', 'passive'] as const

export const compactSdp = (sdp: string): Compact => {
  const line = (name: string) => new RegExp(`^a=${name}:(.+)$`, 'm').exec(sdp)?.[1].trim() ?? ''
  const fp = line('fingerprint').split(' ')
  if (fp[0]?.toLowerCase() !== 'sha-256') throw new Error('unsupported fingerprint')
  const candidates: Compact['candidates'] = []
  for (const m of sdp.matchAll(/^a=candidate:\S+ 1 (udp|tcp) \d+ (\S+) (\d+) typ host(.*)$/gim)) {
    if (m[1].toLowerCase() === 'tcp' && !/tcptype passive/.test(m[4])) continue
    // loopback, link-local and such never reach another phone: leave them out of the code
    if (!usableCandidate(m[2], Number(m[3]))) continue
    candidates.push({ address: m[2], port: Number(m[3]), tcp: m[1].toLowerCase() === 'tcp' })
  }
  return {
    ufrag: line('ice-ufrag'),
    pwd: line('ice-pwd'),
    fingerprint: Uint8Array.from(fp[1].split(':').map((h) => parseInt(h, 16))),
    setup: (SETUPS as readonly string[]).includes(line('setup')) ? (line('setup') as Compact['setup']) : 'actpass',
    candidates,
  }
}

export const expandSdp = (c: Compact): string => {
  const fingerprint = [...c.fingerprint].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join(':')
  const candidates = c.candidates.map((k, i) =>
    `a=candidate:${i + 1} 1 ${k.tcp ? 'tcp' : 'udp'} ${2122260223 - i} ${k.address} ${k.port} typ host${k.tcp ? ' tcptype passive' : ''} generation 0`)
  return [
    'v=0', `o=- ${Date.now()} 2 IN IP4 127.0.0.1`, 's=-', 't=0 0', 'a=group:BUNDLE 0', 'a=msid-semantic: WMS',
    'm=application 9 UDP/DTLS/SCTP webrtc-datachannel', 'c=IN IP4 0.0.0.0',
    ...candidates,
    `a=ice-ufrag:${c.ufrag}`, `a=ice-pwd:${c.pwd}`, `a=fingerprint:sha-256 ${fingerprint}`, `a=setup:${c.setup}`,
    'a=mid:0', 'a=sctp-port:5000', 'a=max-message-size:262144', '',
  ].join('\r\n')
}

// binary form: a version byte, then the fields; addresses as 4 or 16 bytes, or an mDNS name's UUID as 16 bytes
const UUID = /^([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})\.local$/i

export const writeCompact = (c: Compact, out: number[]) => {
  const str = (s: string) => { const b = new TextEncoder().encode(s); out.push(b.length, ...b) }
  str(c.ufrag)
  str(c.pwd)
  out.push(...c.fingerprint, SETUPS.indexOf(c.setup), c.candidates.length)
  for (const k of c.candidates) {
    const uuid = UUID.exec(k.address)
    const ip = uuid ? [] : addressBytes(k.address)
    const flags = (k.tcp ? 1 : 0) | (uuid ? 2 : ip.length === 4 ? 0 : 4)
    out.push(flags)
    if (uuid) out.push(...hexBytes(uuid.slice(1).join('')))
    else out.push(...ip)
    out.push(k.port >> 8, k.port & 255)
  }
}

export const readCompact = (b: Uint8Array, at: { i: number }): Compact => {
  const byte = () => { if (at.i >= b.length) throw new Error('short'); return b[at.i++] }
  const bytes = (n: number) => { if (at.i + n > b.length) throw new Error('short'); const r = b.slice(at.i, at.i + n); at.i += n; return r }
  const str = () => new TextDecoder().decode(bytes(byte()))
  const ufrag = str()
  const pwd = str()
  const fingerprint = bytes(32)
  const setup = SETUPS[byte()] ?? 'actpass'
  const candidates: Compact['candidates'] = []
  for (let n = byte(); n > 0; n--) {
    const flags = byte()
    const address = flags & 2 ? uuidOf(bytes(16)) : addressOf(bytes(flags & 4 ? 16 : 4))
    const port = (byte() << 8) | byte()
    // a crafted code must not make this phone reach for addresses no other phone could have
    if (usableCandidate(address, port)) candidates.push({ address, port, tcp: !!(flags & 1) })
  }
  if (!/^[\w+/]{4,256}$/.test(ufrag) || !/^[\w+/]{22,256}$/.test(pwd)) throw new Error('bad ice credentials')
  return { ufrag, pwd, fingerprint, setup, candidates }
}

const hexBytes = (hex: string) => hex.match(/../g)!.map((h) => parseInt(h, 16))
const hex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, '0')).join('')
const uuidOf = (b: Uint8Array) => { const h = hex(b); return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}.local` }
