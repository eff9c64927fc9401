import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { createIdentity, sign, type Identity } from '../../../../src/identity/index.ts'
import { linkDoc } from '../../../../src/sync/peers/index.ts'
import { fingerprintOf, helloMac, helloText } from '../../../../src/crypto/index.ts'
import { shaped } from '../../fixtures/shaped.ts'
import { channelPair, conn, until } from '../../fixtures/channel.ts'

const ROOM = 'A'.repeat(21)
const SECRET = 's'.repeat(32)

/** Ana and Ben, on the two ends of one connection, both holding the room key; Ben's document has Ana's record once they link */
const linkedPair = async () => {
  const [ana, ben] = [await createIdentity(), await createIdentity()]
  const [ca, cb] = channelPair()
  const da = new Y.Doc(); const db = new Y.Doc()
  const [a, value] = shaped('a')
  da.getMap('records').set(a, value)
  const la = linkDoc(da, ca, { me: ana, roomId: ROOM, secret: SECRET, connection: conn(1, 2) }, () => {})
  const lb = linkDoc(db, cb, { me: ben, roomId: ROOM, secret: SECRET, connection: conn(2, 1) }, () => {})
  ;(ca as any).onopen?.(); (cb as any).onopen?.()
  await until(() => db.getMap('records').has(a))
  return { ana, ben, la, lb }
}

/** both ends open; the channel is closed, neither end takes the other for a member, and nothing reaches `db` */
const neitherLinks = async ([ca, cb]: RTCDataChannel[], links: { member: () => string | null }[], db: Y.Doc) => {
  ;(ca as any).onopen?.(); (cb as any).onopen?.()
  await until(() => ca.readyState === 'closed' || cb.readyState === 'closed')
  await new Promise((r) => setTimeout(r, 50))
  expect(links.map((l) => l.member())).toEqual([null, null])
  expect(db.getMap('records').size).toBe(0)
}

describe('a paired phone', () => {
  it('proves its room key and its member, and only then syncs', async () => {
    const { ana, ben, la, lb } = await linkedPair()
    expect(la.member()).toBe(ben.id)
    expect(lb.member()).toBe(ana.id)
  })

  it('without the room key, is closed and gets nothing', async () => {
    const [ana, eve] = [await createIdentity(), await createIdentity()]
    const [ca, cb] = channelPair()
    const da = new Y.Doc(); const de = new Y.Doc()
    da.getMap('records').set(...shaped('secret-plan'))
    const la = linkDoc(da, ca, { me: ana, roomId: ROOM, secret: SECRET }, () => {})
    linkDoc(de, cb, { me: eve, roomId: ROOM, secret: 'x'.repeat(32) }, () => {})
    await until(() => ca.readyState === 'closed')
    await new Promise((r) => setTimeout(r, 50))
    expect(de.getMap('records').size).toBe(0)
    expect(la.member()).toBeNull()
  })

  it('that only claims someone’s id is not taken for them', async () => {
    const [ana, ben, eve] = [await createIdentity(), await createIdentity(), await createIdentity()]
    const [ca, cb] = channelPair()
    const la = linkDoc(new Y.Doc(), ca, { me: ana, roomId: ROOM, secret: SECRET }, () => {})
    // Eve holds the room key and answers Ana's nonce claiming to be Ben, signing with her own key
    const ask = (cb as any)
    const sent: Uint8Array[] = []
    ask.onmessage = async (e: { data: ArrayBuffer }) => {
      const bytes = new Uint8Array(e.data)
      if (bytes[0] !== 2) return
      const nonce = new TextDecoder().decode(bytes.subarray(2, 2 + bytes[1]))
      const text = helloText(ROOM, nonce, ben.id, { mine: '', theirs: '' })
      const forged: Identity = { ...eve, id: ben.id }
      const sig = await sign(forged, text)
      const str = (s: string) => { const b = new TextEncoder().encode(s); return [b.length, ...b] }
      const msg = Uint8Array.from([3, ...str(ben.id), ...str(sig), ...str(helloMac(SECRET, text))])
      sent.push(msg)
      ask.send(msg)
    }
    await until(() => ca.readyState === 'closed')
    expect(sent.length).toBe(1)
    expect(la.member()).toBeNull()
  })

  it('binds its hello to the DTLS fingerprints of the connection: both ends of one connection link', async () => {
    const { ana, ben, la, lb } = await linkedPair()
    expect([la.member(), lb.member()]).toEqual([ben.id, ana.id])
  })

  it('refuses a hello passed along from another connection by someone in the middle', async () => {
    const [ana, ben] = [await createIdentity(), await createIdentity()]
    // Ana's connection runs to Mallory's certificate 3, Ben's to Mallory's certificate 4; Mallory forwards every message
    const [ca, ma] = channelPair()
    const [mb, cb] = channelPair()
    const forward = (from: any, to: any) => { from.onmessage = (e: { data: ArrayBuffer }) => to.send(new Uint8Array(e.data)) }
    forward(ma, mb); forward(mb, ma)
    const da = new Y.Doc(); const db = new Y.Doc()
    da.getMap('records').set(...shaped('secret-plan'))
    const la = linkDoc(da, ca, { me: ana, roomId: ROOM, secret: SECRET, connection: conn(1, 3) }, () => {})
    const lb = linkDoc(db, cb, { me: ben, roomId: ROOM, secret: SECRET, connection: conn(2, 4) }, () => {})
    await neitherLinks([ca, cb], [la, lb], db)
  })

  it('is closed when its connection’s certificates can’t be read: an unbound hello proves nothing', async () => {
    const [ana, ben] = [await createIdentity(), await createIdentity()]
    const [ca, cb] = channelPair()
    const da = new Y.Doc(); const db = new Y.Doc()
    da.getMap('records').set(...shaped('secret-plan'))
    const la = linkDoc(da, ca, { me: ana, roomId: ROOM, secret: SECRET }, () => {})
    const lb = linkDoc(db, cb, { me: ben, roomId: ROOM, secret: SECRET }, () => {})
    await neitherLinks([ca, cb], [la, lb], db)
  })

  it('reads a fingerprint whatever case or hash the browser writes it in', async () => {
    expect(fingerprintOf('a=fingerprint:SHA-256 AB:CD\r\n')).toBe('sha-256 ab:cd')
    expect(fingerprintOf('v=0\r\na=fingerprint:sha-384 0A:0B\r\n')).toBe('sha-384 0a:0b')
    expect(fingerprintOf('v=0\r\n')).toBe('')
  })
})
