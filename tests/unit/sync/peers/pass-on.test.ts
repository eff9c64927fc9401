import { EventEmitter } from 'node:events'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { afterEach, describe, expect, it } from 'vitest'
import { WebrtcProvider } from 'y-webrtc'
import { passOnLive } from '../../../../src/sync/peers/webrtc.ts'

const providers: WebrtcProvider[] = []
/** a peer's update is passed on in the next task */
const nextTask = () => new Promise((r) => setTimeout(r, 0))
afterEach(() => { for (const p of providers.splice(0)) p.destroy() })

/** a document with y-webrtc as the app sets it up, and one connected peer whose sends are noted (sync messages only) */
const withPeer = async () => {
  const doc = new Y.Doc()
  const provider = new WebrtcProvider(`hearth-test-${Math.random()}`, doc, { signaling: [], password: 'secret' })
  providers.push(provider)
  passOnLive(provider, doc)
  await provider.key
  const room = provider.room!
  const sent: Uint8Array[] = []
  room.webrtcConns.set('peer', { peer: { send: (m: Uint8Array) => { if (m[0] === 0) sent.push(m) } }, destroy: () => {} } as never)
  return { doc, room, sent }
}

/** a peer that says (in its sync step 1) it holds `holds`, or says nothing yet; what is sent to it is noted */
const addPeer = (provider: WebrtcProvider, id: string, holds?: Y.Doc) => {
  const room = provider.room!
  const peer = Object.assign(new EventEmitter(), { sent: [] as Uint8Array[], send(m: Uint8Array) { if (m[0] === 0) peer.sent.push(m) } })
  room.webrtcConns.set(id, { peer, destroy: () => {} } as never)
  provider.emit('peers', [{ added: [id], removed: [], webrtcPeers: [...room.webrtcConns.keys()], bcPeers: [] }])
  if (holds) {
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, 0)
    encoding.writeVarUint(e, 0)
    encoding.writeVarUint8Array(e, Y.encodeStateVector(holds))
    peer.emit('data', encoding.toUint8Array(e))
  }
  return peer
}

/** what a peer sends when it makes or passes on a live edit (y-webrtc's messageSync, then y-protocols' update) */
const liveFrom = (peer: EventEmitter, update: Uint8Array) => {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 0)
  encoding.writeVarUint(e, 2)
  encoding.writeVarUint8Array(e, update)
  peer.emit('data', encoding.toUint8Array(e))
}

const updateOf = (n: number, size: number) => {
  const src = new Y.Doc()
  src.transact(() => { for (let i = 0; i < n; i++) src.getMap('records').set(`k${i}`, 'x'.repeat(size)) })
  return Y.encodeStateAsUpdate(src)
}

describe('what y-webrtc passes on to the peers', () => {
  it('a live edit from a peer goes on to the others, as y-webrtc does', async () => {
    const { doc, room, sent } = await withPeer()
    Y.applyUpdate(doc, updateOf(1, 100), room)
    expect(sent.length).toBe(0)
    await nextTask()
    expect(sent.length).toBe(1)
  })

  it('a catch-up from a peer (the room, in slices) does not go back out: they hold it or sync with that peer themselves', async () => {
    const { doc, room, sent } = await withPeer()
    const big = updateOf(200, 500)
    expect(big.length).toBeGreaterThan(64 * 1024)
    Y.applyUpdate(doc, big, room)
    await nextTask()
    expect(sent.length).toBe(0)
    expect(doc.getMap('records').size).toBe(200)
  })

  it('anything large from elsewhere (the relay, this phone) still goes to the peers', async () => {
    const { doc, sent } = await withPeer()
    Y.applyUpdate(doc, updateOf(200, 500), { relay: 'wss://relay' })
    doc.getMap('records').set('mine', 'y'.repeat(70_000))
    expect(sent.length).toBe(2)
  })

  it('the relay’s catch-up goes only to the peers that lack it, by what their sync step 1 said they hold', async () => {
    const doc = new Y.Doc()
    const provider = new WebrtcProvider(`hearth-test-${Math.random()}`, doc, { signaling: [], password: 'secret' })
    providers.push(provider)
    passOnLive(provider, doc)
    await provider.key
    const source = new Y.Doc()
    source.transact(() => { for (let i = 0; i < 200; i++) source.getMap('records').set(`k${i}`, 'x'.repeat(500)) })
    const catchUp = Y.encodeStateAsUpdate(source)
    const holder = addPeer(provider, 'ana', source)
    // a peer that can't reach the relay: forward.ts passes the room on to it (A–relay–B, B–WebRTC–C)
    const lacking = addPeer(provider, 'cai', new Y.Doc())
    // nothing heard from it yet: it may hold nothing, so it gets it too
    const silent = addPeer(provider, 'dan')
    Y.applyUpdate(doc, catchUp, { relay: 'wss://relay' })
    expect(holder.sent.length).toBe(0)
    expect(lacking.sent.length).toBe(1)
    expect(silent.sent.length).toBe(1)
    // what the holder lacks still reaches it: an edit made here, and the relay's news
    doc.getMap('records').set('mine', 'y')
    source.getMap('records').set('more', 'z')
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(source, Y.encodeStateVector(doc)), { relay: 'wss://relay' })
    expect(holder.sent.length).toBe(2)
    expect(lacking.sent.length).toBe(3)
  })

  it('a live edit from a peer goes on to the others, not back to the peer it came from; what that peer lacks still goes', async () => {
    const doc = new Y.Doc()
    const provider = new WebrtcProvider(`hearth-test-${Math.random()}`, doc, { signaling: [], password: 'secret' })
    providers.push(provider)
    passOnLive(provider, doc)
    await provider.key
    const anaDoc = new Y.Doc()
    const ana = addPeer(provider, 'ana', anaDoc)
    const cai = addPeer(provider, 'cai', new Y.Doc())
    anaDoc.getMap('records').set('a1', 'x')
    const edit = Y.encodeStateAsUpdate(anaDoc, Y.encodeStateVector(doc))
    liveFrom(ana, edit)
    Y.applyUpdate(doc, edit, provider.room)
    await nextTask()
    expect(ana.sent.length).toBe(0)
    expect(cai.sent.length).toBe(1)
    // an edit made here, and one of Cai's passed on: Ana lacks both
    doc.getMap('records').set('mine', 'y')
    const caiDoc = new Y.Doc()
    caiDoc.getMap('records').set('c1', 'z')
    const caiEdit = Y.encodeStateAsUpdate(caiDoc)
    liveFrom(cai, caiEdit)
    Y.applyUpdate(doc, caiEdit, provider.room)
    await nextTask()
    expect(ana.sent.length).toBe(2)
    expect(cai.sent.length).toBe(2)
  })
})
