import type * as Y from 'yjs'

/** from this size an update from a peer is a catch-up (a sync step's answer, in slices) */
export const CATCH_UP_FROM = 64 * 1024

interface Forwarder { _docUpdateHandler: (update: Uint8Array, origin: unknown) => void }

/**
 * y-webrtc sends every update of the document to every peer, those that came from peers too (to the peer that sent
 * it as well). Sent inside the update's handlers, that came before this page's model had even begun to check the
 * update. An update from a peer is passed on in the next task instead, after the model's turn; one this page
 * makes goes at once, after whatever waited, so peers still get a room's updates in the order they happened here.
 * A newcomer's catch-up from a peer isn't passed on: it went back whole to the peer that sent it and to every other,
 * who each hold it or get it in their own sync with that peer, so the newcomer deflated and sent the room again as it
 * took it in and the others guarded it again. Large changes from the relay or this page still go to the peers.
 */
export const forwardLater = (doc: Y.Doc, room: Forwarder) => {
  const send = room._docUpdateHandler
  let later: [Uint8Array, unknown][] = []
  const flush = () => {
    const list = later
    later = []
    for (const [update, origin] of list) send(update, origin)
  }
  const handler = (update: Uint8Array, origin: unknown) => {
    if (origin === room) {
      if (update.length >= CATCH_UP_FROM) return
      if (!later.length) setTimeout(flush, 0)
      later.push([update, origin])
      return
    }
    flush()
    send(update, origin)
  }
  // y-webrtc's connect and disconnect add and remove the handler by this name: they now use this one
  const on = (doc as unknown as { _observers: Map<string, Set<unknown>> })._observers.get('update')?.has(send)
  room._docUpdateHandler = handler
  if (on) { doc.off('update', send); doc.on('update', handler) }
}
