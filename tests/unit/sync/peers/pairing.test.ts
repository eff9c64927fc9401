import { describe, expect, it } from 'vitest'
import { toBase64url } from '../../../../src/crypto/index.ts'
import { pairingLink } from '../../../../src/sync/index.ts'
import { compactSdp, decodePayload, encodePayload, expandSdp, usableCandidate } from '../../../../src/sync/peers/pairing/index.ts'

const fp = Array.from({ length: 32 }, (_, i) => (i * 7).toString(16).padStart(2, '0').toUpperCase()).join(':')
const offer = [
  'v=0', 'o=- 4611731400430051336 2 IN IP4 127.0.0.1', 's=-', 't=0 0', 'a=group:BUNDLE 0', 'a=extmap-allow-mixed', 'a=msid-semantic: WMS',
  'm=application 9 UDP/DTLS/SCTP webrtc-datachannel', 'c=IN IP4 0.0.0.0',
  'a=candidate:3009322442 1 udp 2122260223 192.0.2.2 51515 typ host generation 0 network-id 1',
  'a=candidate:1881523416 1 udp 2122197247 2001:db8::1:7 40000 typ host generation 0 network-id 2',
  'a=candidate:2203145321 1 udp 2122129151 0b6c43d1-1f2e-4a5b-9c8d-7e6f5a4b3c2d.local 50001 typ host generation 0',
  'a=candidate:4259442430 1 tcp 1518280447 192.0.2.2 9 typ host tcptype active generation 0 network-id 1',
  'a=ice-ufrag:Xy7q', 'a=ice-pwd:aaaabbbbccccddddeeeeffff', 'a=ice-options:trickle', `a=fingerprint:sha-256 ${fp}`,
  'a=setup:actpass', 'a=mid:0', 'a=sctp-port:5000', 'a=max-message-size:262144', '',
].join('\r\n')

describe('pairing codes', () => {
  it('keep what a data channel needs and drop the rest', () => {
    const c = compactSdp(offer)
    expect(c.ufrag).toBe('Xy7q')
    expect(c.setup).toBe('actpass')
    expect(c.candidates).toEqual([
      { address: '192.0.2.2', port: 51515, tcp: false },
      { address: '2001:db8::1:7', port: 40000, tcp: false },
      { address: '0b6c43d1-1f2e-4a5b-9c8d-7e6f5a4b3c2d.local', port: 50001, tcp: false },
    ])
    const again = compactSdp(expandSdp(c))
    expect(again).toEqual(c)
  })

  it('round-trip an offer with its room through a link, in well under 300 bytes', () => {
    const room = { id: 'A'.repeat(21), secret: 'k'.repeat(32), name: 'Field day' }
    const bytes = encodePayload({ kind: 'offer', pairId: 0xdeadbeef, room, sdp: '' }, offer)
    expect(bytes.length).toBeLessThan(200)
    const d = decodePayload(pairingLink(bytes, 'https://hearth.example/app/#/'))
    expect(d.ok).toBe(true)
    if (!d.ok || d.payload.kind !== 'offer') return
    expect(d.payload.pairId).toBe(0xdeadbeef)
    expect(d.payload.room).toEqual(room)
    const c = compactSdp(d.payload.sdp)
    expect(c.candidates.map((k) => k.address)).toEqual(['192.0.2.2', '2001:db8:0:0:0:0:1:7', '0b6c43d1-1f2e-4a5b-9c8d-7e6f5a4b3c2d.local'])
  })

  it('carry a device’s link code in an offer, read from its #/link/ address, and refuse it cut short', () => {
    const code = 'L'.repeat(12) + '_-'.repeat(6)
    const bytes = encodePayload({ kind: 'link', pairId: 7, code, sdp: '' }, offer)
    const d = decodePayload(`https://hearth.example/#/link/${toBase64url(bytes)}`)
    expect(d.ok && d.payload.kind === 'link' && d.payload.code).toBe(code)
    expect(decodePayload(toBase64url(bytes.slice(0, -1)))).toEqual({ ok: false, error: { code: 'code-damaged' } })
  })

  it('say clearly what is wrong with a damaged code, and never throw', () => {
    const bytes = encodePayload({ kind: 'answer', pairId: 1, sdp: '' }, offer)
    const link = pairingLink(bytes, 'https://h.example/')
    for (const text of ['', 'hello', link.slice(0, link.length - 30), link.replace('#/pair/', '#/pair/!!'), `${link.slice(0, -4)}AAAA`]) {
      const d = decodePayload(text)
      if (d.ok) expect(d.payload.kind).toBe('answer')
      else expect(['not-a-pairing-code', 'code-damaged', 'code-no-address']).toContain(d.error.code)
    }
    const v2 = Uint8Array.from(bytes)
    v2[0] = 9
    expect(decodePayload(pairingLink(v2, 'https://h.example/'))).toEqual({ ok: false, error: { code: 'pairing-other-version' } })
  })

  it('refuse a code cut short anywhere, instead of saving a room with no name', () => {
    const room = { id: 'A'.repeat(21), secret: 'k'.repeat(32), name: 'Field day' }
    const bytes = encodePayload({ kind: 'offer', pairId: 7, room, sdp: '' }, offer)
    for (let cut = 1; cut < 30; cut++) {
      const d = decodePayload(pairingLink(bytes.slice(0, bytes.length - cut), 'https://h.example/'))
      expect(d.ok).toBe(false)
    }
  })

  it('clean the room name of control, bidi and zero-width characters', () => {
    const room = { id: 'A'.repeat(21), secret: 'k'.repeat(32), name: 'Fi\u202Eeld\u200B\u0007 day' }
    const d = decodePayload(pairingLink(encodePayload({ kind: 'offer', pairId: 7, room, sdp: '' }, offer), 'https://h.example/'))
    expect(d.ok && d.payload.kind === 'offer' && d.payload.room.name).toBe('Field day')
  })

  it('take only candidates another phone could really have', () => {
    for (const a of ['127.0.0.1', '0.0.0.0', '169.254.169.254', '169.254.1.2', '224.0.0.1', '255.255.255.255', '100.100.100.200', '::1', '::', 'fe80::1', 'ff02::1', 'fd00:ec2::254', 'fd00:0ec2:0::254', 'example.com',
      '::ffff:7f00:1', '::ffff:127.0.0.1', '0:0:0:0:0:ffff:7f00:1', '::ffff:a9fe:a9fe', '64:ff9b::a9fe:a9fe', '64:ff9b::169.254.169.254', '0:0:0:0:0:0:0:1', '1:2:3:4:5:6:7:8:9', ':::1'])
      expect(usableCandidate(a, 5000), a).toBe(false)
    for (const a of ['192.168.1.20', '10.0.0.5', '172.20.1.1', '2001:db8::7', 'fd12:3456::1', '2001:db8:0:0:0:0:1:7', '::ffff:192.168.1.9', '0b6c43d1-1f2e-4a5b-9c8d-7e6f5a4b3c2d.local'])
      expect(usableCandidate(a, 5000), a).toBe(true)
    expect(usableCandidate('192.168.1.20', 0)).toBe(false)
    const hostile = offer.replace('192.0.2.2 51515', '169.254.169.254 80').replace('2001:db8::1:7 40000', '127.0.0.1 6379')
    const c = compactSdp(hostile)
    expect(c.candidates.map((k) => k.address)).toEqual(['0b6c43d1-1f2e-4a5b-9c8d-7e6f5a4b3c2d.local'])
  })
})
