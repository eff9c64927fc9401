import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { createIdentity } from '../../../../src/identity/index.ts'
import { linkDoc } from '../../../../src/sync/peers/index.ts'
import { shaped } from '../../fixtures/shaped.ts'

type End = {
  readyState: string; binaryType: string; onopen: null | (() => void); onclose: null | (() => void)
  onmessage: null | ((e: { data: ArrayBuffer }) => void); send: (d: Uint8Array) => void; close: () => void
}

/**
 * Two ends of an in-memory data channel where the first message Ben sends never arrives, as seen in Chromium: the
 * answering phone's challenge, sent the moment its channel opened, was lost without a word on either side.
 */
const lossyPair = () => {
  let lost = false
  const make = (): End & { other: End } => ({
    readyState: 'open', binaryType: 'arraybuffer', onmessage: null, onclose: null, onopen: null, other: null as unknown as End,
    send(data) {
      if (this === b && !lost) return void (lost = true)
      const d = data.slice().buffer
      setTimeout(() => { if (this.other.readyState === 'open') this.other.onmessage?.({ data: d }) })
    },
    close() { if (this.readyState === 'closed') return; this.readyState = 'closed'; this.onclose?.(); this.other.close() },
  })
  const a = make(); const b = make()
  a.other = b; b.other = a
  return [a, b] as unknown as [RTCDataChannel, RTCDataChannel]
}
const until = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms
  while (!check()) { if (Date.now() > end) throw new Error('timed out'); await new Promise((r) => setTimeout(r, 10)) }
}
const fp = (n: number) => Array.from({ length: 32 }, (_, i) => ((i * 7 + n) & 255).toString(16).padStart(2, '0').toUpperCase()).join(':')
const sdp = (n: number) => ({ sdp: `v=0\r\na=ice-ufrag:x\r\na=fingerprint:sha-256 ${fp(n)}\r\na=setup:actpass\r\n` })
const conn = (mine: number, theirs: number) => ({ localDescription: sdp(mine), remoteDescription: sdp(theirs) })
const ROOM = 'C'.repeat(21)
const SECRET = 'u'.repeat(32)

describe('a paired phone whose first message is lost', () => {
  it('still proves itself and both sides sync: the challenge is sent again until the other’s hello comes', async () => {
    const [ana, ben] = [await createIdentity(), await createIdentity()]
    const [ca, cb] = lossyPair()
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
    la.close()
    lb.close()
  })
})
