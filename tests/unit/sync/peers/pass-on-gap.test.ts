/** A peer that told us it waits on a gap (a Skip in its step 2) is not taken to hold it: what fills the gap still goes to it. */
import { EventEmitter } from 'node:events'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { afterEach, expect, it } from 'vitest'
import { WebrtcProvider } from 'y-webrtc'
import { passOnLive } from '../../../../src/sync/peers/webrtc.ts'

const providers: WebrtcProvider[] = []
afterEach(() => { for (const p of providers.splice(0)) p.destroy() })
const nextTask = () => new Promise((r) => setTimeout(r, 0))
const msg = (type: number, bytes: Uint8Array) => {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 0); encoding.writeVarUint(e, type); encoding.writeVarUint8Array(e, bytes)
  return encoding.toUint8Array(e)
}

it('a peer whose step 2 carried structs it still waits on (a Skip) is still sent what fills its hole', async () => {
  // Ana writes three edits; a withholding relay gave Ben the first and third only (the third waits in Ben's store)
  const ana = new Y.Doc()
  const ups: Uint8Array[] = []
  ana.on('update', (u: Uint8Array) => ups.push(u))
  for (const k of ['one', 'two', 'three']) ana.getMap('records').set(k, 'x')
  const ben = new Y.Doc()
  Y.applyUpdate(ben, ups[0]); Y.applyUpdate(ben, ups[2])
  expect(ben.store.pendingStructs).not.toBeNull()

  // Cara, with the app's pass-on, meets Ben
  const cara = new Y.Doc()
  const provider = new WebrtcProvider(`hearth-test-${Math.random()}`, cara, { signaling: [], password: 'secret' })
  providers.push(provider)
  passOnLive(provider, cara)
  await provider.key
  const room = provider.room!
  const peer = Object.assign(new EventEmitter(), { sent: [] as Uint8Array[], send(m: Uint8Array) { if (m[0] === 0) peer.sent.push(m) } })
  room.webrtcConns.set('ben', { peer, destroy: () => {} } as never)
  provider.emit('peers', [{ added: ['ben'], removed: [], webrtcPeers: ['ben'], bcPeers: [] }])
  // Ben's step 1 (what it holds: Ana's first edit) and its step 2 to Cara (y-protocols adds what waits: a Skip between)
  peer.emit('data', msg(0, Y.encodeStateVector(ben)))
  const step2 = Y.encodeStateAsUpdate(ben, Y.encodeStateVector(cara))
  peer.emit('data', msg(1, step2))
  Y.applyUpdate(cara, step2, room)
  await nextTask()
  peer.sent.length = 0

  // Cara's relay brings Ana's second edit: Cara now holds all three, Ben still lacks the second
  Y.applyUpdate(cara, ups[1], { relay: 'wss://relay' })
  await nextTask()
  expect(cara.getMap('records').size).toBe(3)
  expect(peer.sent.length).toBeGreaterThan(0)
})
