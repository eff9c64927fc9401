import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { createIdentity } from '../../../../src/identity/index.ts'
import { linkDoc } from '../../../../src/sync/peers/index.ts'
import { shaped } from '../../fixtures/shaped.ts'

const NONCE = 2
const PROOF = 3

type End = {
  readyState: string; binaryType: string; onopen: null | (() => void); onclose: null | (() => void)
  onmessage: null | ((e: { data: ArrayBuffer }) => void); send: (d: Uint8Array) => void; close: () => void
}

/**
 * Two ends of an in-memory data channel. Ana's hello is held back and arrives in one burst with the next message she
 * sends, as the network may hand over several messages at once: Ben reads her sync message while he still checks her hello.
 */
const burstPair = () => {
  const held: ArrayBuffer[] = []
  const make = (): End & { other: End } => ({
    readyState: 'open', binaryType: 'arraybuffer', onmessage: null, onclose: null, onopen: null, other: null as unknown as End,
    send(data) { deliver(this, [data.slice().buffer]) },
    close() { if (this.readyState === 'closed') return; this.readyState = 'closed'; this.onclose?.(); this.other.close() },
  })
  const a = make(); const b = make()
  a.other = b; b.other = a
  const deliver = (from: End & { other: End }, data: ArrayBuffer[]) => {
    if (from === a && new Uint8Array(data[0])[0] === PROOF) return void held.push(data[0])
    if (from === a && new Uint8Array(data[0])[0] !== NONCE) data = [...held.splice(0), ...data]
    setTimeout(() => { for (const d of data) if (from.other.readyState === 'open') from.other.onmessage?.({ data: d }) })
  }
  return [a, b] as unknown as [RTCDataChannel, RTCDataChannel]
}
const until = async (check: () => boolean, ms = 3000) => {
  const end = Date.now() + ms
  while (!check()) { if (Date.now() > end) throw new Error('timed out'); await new Promise((r) => setTimeout(r, 10)) }
}
const fp = (n: number) => Array.from({ length: 32 }, (_, i) => ((i * 5 + n) & 255).toString(16).padStart(2, '0').toUpperCase()).join(':')
const sdp = (n: number) => ({ sdp: `v=0\r\na=ice-ufrag:x\r\na=fingerprint:sha-256 ${fp(n)}\r\na=setup:actpass\r\n` })
const conn = (mine: number, theirs: number) => ({ localDescription: sdp(mine), remoteDescription: sdp(theirs) })
const ROOM = 'B'.repeat(21)
const SECRET = 't'.repeat(32)

describe('two paired phones that edited apart', () => {
  it('both get what the other holds, even when one reads the other’s ask before it has checked their hello', async () => {
    const [ana, ben] = [await createIdentity(), await createIdentity()]
    const [ca, cb] = burstPair()
    const da = new Y.Doc(); const db = new Y.Doc()
    const [a, av] = shaped('ana-alone')
    const [b, bv] = shaped('ben-alone')
    da.getMap('records').set(a, av)
    db.getMap('records').set(b, bv)
    const la = linkDoc(da, ca, { me: ana, roomId: ROOM, secret: SECRET, connection: conn(1, 2) }, () => {})
    const lb = linkDoc(db, cb, { me: ben, roomId: ROOM, secret: SECRET, connection: conn(2, 1) }, () => {})
    await until(() => la.member() !== null && lb.member() !== null)
    await until(() => da.getMap('records').has(b) && db.getMap('records').has(a))
    expect([la.member(), lb.member()]).toEqual([ben.id, ana.id])
  })
})
