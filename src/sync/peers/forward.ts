import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'

/** from this size an update from a peer is a catch-up (a sync step's answer, in slices) */
export const CATCH_UP_FROM = 64 * 1024

type Send = (update: Uint8Array, origin: unknown, doc?: Y.Doc, tr?: Y.Transaction) => void
interface Peer { send: (m: Uint8Array) => void; on?: (event: 'data', f: (data: Uint8Array) => void) => void }
interface Forwarder {
  _docUpdateHandler: Send
  webrtcConns: Map<string, { peer: Peer }>
  /** the other tabs of this browser in the room (y-webrtc's BroadcastChannel): they get everything, as before */
  bcConns?: Set<string>
  provider?: { on: (event: 'peers', f: (e: { added: string[] }) => void) => void }
}

// what each peer said it holds in its sync step 1 (y-webrtc's messageSync, then step 1, then the state vector)
const heldBy = new WeakMap<Peer, Map<number, number>>()
const watched = new WeakSet<Peer>()
const watch = (peer: Peer) => {
  if (watched.has(peer) || !peer.on) return
  watched.add(peer)
  peer.on('data', (data) => {
    if (data[0] !== 0 || data[1] > 2 || (data[1] !== 0 && data.length >= CATCH_UP_FROM)) return
    try {
      const d = decoding.createDecoder(data)
      decoding.readVarUint(d)
      const step1 = decoding.readVarUint(d) === 0
      const bytes = decoding.readVarUint8Array(d)
      if (step1) return void heldBy.set(peer, Y.decodeStateVector(bytes))
      // an update it sent (a step 2, or live): it holds what that adds onto what it said it held
      const held = heldBy.get(peer)
      if (!held) return
      // struct by struct, so a Skip (what the peer still waits on) stops the run: past a gap it holds nothing yet
      for (const s of Y.decodeUpdate(bytes).structs) {
        if (s instanceof Y.Skip) continue
        const h = held.get(s.id.client) ?? 0
        if (s.id.clock <= h && s.id.clock + s.length > h) held.set(s.id.client, s.id.clock + s.length)
      }
    } catch { /* not a sync message: y-webrtc judges it */ }
  })
}

/** whether a peer may lack what a transaction added: anything it deleted, or a client past what the peer said it held */
const lacks = (peer: Peer, tr: Y.Transaction) => {
  const held = heldBy.get(peer)
  if (!held || tr.deleteSet.clients.size) return true
  for (const [client, clock] of tr.afterState) if (clock > (tr.beforeState.get(client) ?? 0) && clock > (held.get(client) ?? 0)) return true
  return false
}

/**
 * y-webrtc sends every update of the document to every peer, those that came from peers too (to the peer that sent
 * it as well). Sent inside the update's handlers, that came before this page's model had even begun to check the
 * update. An update from a peer is passed on in the next task instead, after the model's turn; one this page
 * makes goes at once, after whatever waited, so peers still get a room's updates in the order they happened here.
 * A newcomer's catch-up from a peer isn't passed on: it went back whole to the peer that sent it and to every other,
 * who each hold it or get it in their own sync with that peer, so the newcomer deflated and sent the room again as it
 * took it in and the others guarded it again. Changes from the relay or this page still go to the peers, but only to
 * those that may lack them: a newcomer got the room from the relay as the peer it met holding the whole room answered
 * its sync step 1, and passed all of it back, deflated, for that peer to guard again (seconds of two phones' time).
 * A peer whose step 1 hasn't come yet, or that holds less (it may not reach the relay), still gets all of it. What a
 * peer sent since its step 1 counts as held too: a live edit doesn't go back to the peer that made it.
 */
export const forwardLater = (doc: Y.Doc, room: Forwarder) => {
  const send = room._docUpdateHandler
  for (const conn of room.webrtcConns.values()) watch(conn.peer)
  // y-webrtc says a peer is added in the turn it makes the connection, before anything came over it
  room.provider?.on('peers', (e) => { for (const id of e.added) { const conn = room.webrtcConns.get(id); if (conn) watch(conn.peer) } })
  const sendTo = (update: Uint8Array, origin: unknown, doc?: Y.Doc, tr?: Y.Transaction) => {
    const conns = [...room.webrtcConns.values()]
    const to = tr && !room.bcConns?.size ? conns.filter((c) => lacks(c.peer, tr)) : conns
    // y-webrtc's own send seals each update for other tabs first (AES-GCM, every edit): only when there are some
    if (to.length === conns.length && room.bcConns?.size) return send(update, origin, doc, tr)
    if (!to.length) return
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, 0) // y-webrtc's messageSync
    encoding.writeVarUint(e, 2) // y-protocols' messageYjsUpdate
    encoding.writeVarUint8Array(e, update)
    const m = encoding.toUint8Array(e)
    for (const c of to) { try { c.peer.send(m) } catch { /* closing: y-webrtc drops it too */ } }
  }
  let later: [Uint8Array, unknown, Y.Transaction | undefined][] = []
  const flush = () => {
    const list = later
    later = []
    for (const [update, origin, tr] of list) sendTo(update, origin, doc, tr)
  }
  const handler = (update: Uint8Array, origin: unknown, doc?: Y.Doc, tr?: Y.Transaction) => {
    if (origin === room) {
      if (update.length >= CATCH_UP_FROM) return
      if (!later.length) setTimeout(flush, 0)
      later.push([update, origin, tr])
      return
    }
    flush()
    sendTo(update, origin, doc, tr)
  }
  // y-webrtc's connect and disconnect add and remove the handler by this name: they now use this one
  const on = (doc as unknown as { _observers: Map<string, Set<unknown>> })._observers.get('update')?.has(send)
  room._docUpdateHandler = handler
  if (on) { doc.off('update', send); doc.on('update', handler) }
}
