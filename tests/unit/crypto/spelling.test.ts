import { describe, expect, it } from 'vitest'
import { fromBase64url, toBase64url } from '../../../src/crypto/index.ts'
import { isMemberKey, verify, verifyMany } from '../../../src/identity/index.ts'
import { canonical, recordKey, type HearthRecord } from '../../../src/model/index.ts'
import { decodePayload, encodePayload } from '../../../src/sync/peers/pairing/index.ts'
import { validNow } from '../../../src/sync/guard/index.ts'
import { counted, forge, peer, type Peer } from '../fixtures/model.ts'

/**
 * Base64url text has leftover bits at its end when the bytes are not a multiple of three: read with atob, which
 * ignores them, one 32-byte key had 4 spellings as a member id and one signature 16. Only the spelling
 * toBase64url gives is read now, wherever a key, id, signature or pairing code comes in.
 */

/** another spelling of the same bytes: the last character's unused low bit set */
const respell = (text: string) => {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
  return text.slice(0, -1) + abc[abc.indexOf(text.at(-1)!) ^ 1]
}

const named = (p: Peer, name: string) => forge(p.me, { t: 'mem', n: 1, by: p.me.id, name })
const valid = (r: HearthRecord) => validNow(recordKey(r), r, { left: 64 })

describe('one spelling for each key, id and signature', () => {
  it('refuses a member id with other trailing bits, and what is signed in its name', async () => {
    const x = await peer()
    const other = respell(x.me.id)
    expect(fromBase64url(other)).toBeNull()
    expect(isMemberKey(other)).toBe(false)
    const record = await forge(x.me, { t: 'mem', n: 1, by: other, name: 'Twin' })
    expect(await verify(other, canonical(record), record.sig)).toBe(false)
    expect(valid(record)).toBe(false)
    expect(await counted(record)).toBe(false)
  })

  it('refuses a signature with other trailing bits', async () => {
    const x = await peer()
    const honest = await named(x, 'Xe')
    const other = { ...honest, sig: respell(honest.sig) }
    expect(fromBase64url(other.sig)).toBeNull()
    expect(await verify(x.me.id, canonical(other), other.sig)).toBe(false)
    expect(await verifyMany([[x.me.id, canonical(other), other.sig]])).toEqual([false])
    expect(valid(other)).toBe(false)
    expect(await counted(other)).toBe(false)
  })

  it('reads base64url one way only, and refuses a pairing code with other trailing bits', () => {
    for (const n of [0, 1, 2, 3, 31, 32, 33, 64]) {
      const bytes = crypto.getRandomValues(new Uint8Array(n))
      expect(fromBase64url(toBase64url(bytes))).toEqual(bytes)
    }
    for (const bad of ['A', 'AB', 'AAB', 'AA==', 'AA+', 'A/', ' AA', 'AA\n']) expect(fromBase64url(bad)).toBeNull()
    const sdp = 'v=0\r\na=ice-ufrag:Xy7q\r\na=ice-pwd:aaaabbbbccccddddeeeeffff\r\na=setup:actpass\r\n' +
      'a=candidate:1 1 udp 2122260223 192.0.2.2 51515 typ host generation 0\r\n' +
      `a=fingerprint:sha-256 ${Array.from({ length: 32 }, () => 'AB').join(':')}\r\n`
    let code = ''
    for (let name = 'Field day'; !code; name += '!') {
      const bytes = encodePayload({ kind: 'offer', pairId: 7, room: { id: 'A'.repeat(21), secret: 'k'.repeat(32), name }, sdp: '' }, sdp)
      if (bytes.length % 3) code = toBase64url(bytes)
    }
    expect(decodePayload(code).ok).toBe(true)
    expect(decodePayload(respell(code)).ok).toBe(false)
  })
})
