import * as Y from 'yjs'

/** from this size an update is told to the document's listeners as it came (a join's slices, a snapshot) */
export const TELL_FROM = 64 * 1024

type Listener = (update: Uint8Array, origin: unknown, doc: Y.Doc, tr: Y.Transaction | null) => void

/**
 * Y.applyUpdate, but for a large update the document's 'update' listeners (y-indexeddb, the relay's outbox, peers)
 * get the update as it came, cleaned by the guard, instead of Yjs writing again everything that integrated: in a
 * 10,000-record join that second encoding cost about as much as Yjs's own apply. They get it only when it changed
 * the document, as Yjs tells them; it may hold more than what was new (what the document held already), which every
 * listener takes as it takes any update: Yjs skips what it holds. When the document is left with structs waiting for
 * others (a hostile update can name an origin nobody has), the listeners get what Yjs integrated instead, as Yjs
 * would tell them: an honest phone never passes on to its store, the relay or its peers what it couldn't place.
 */
export const applyTelling = (doc: Y.Doc, update: Uint8Array, origin: unknown) => {
  const observers = (doc as unknown as { _observers: Map<string, Set<Listener>> })._observers
  const listeners = observers.get('update')
  if (!listeners || update.length < TELL_FROM) return Y.applyUpdate(doc, update, origin)
  let tr: Y.Transaction | null = null
  const seen = (t: Y.Transaction) => { tr ??= t }
  observers.delete('update')
  doc.on('afterTransaction', seen)
  try {
    Y.applyUpdate(doc, update, origin)
  } finally {
    doc.off('afterTransaction', seen)
    // a listener added meanwhile stays
    for (const f of observers.get('update') ?? []) listeners.add(f)
    observers.set('update', listeners)
  }
  const t = tr as Y.Transaction | null
  if (!t || !(t.deleteSet.clients.size || [...t.afterState].some(([client, clock]) => t.beforeState.get(client) !== clock))) return
  const store = doc.store as unknown as { pendingStructs: unknown; pendingDs: unknown }
  let told = update
  if (store.pendingStructs || store.pendingDs) {
    // Yjs adds what waits to any state it encodes: leave it out, as its own 'update' event does
    const { pendingStructs, pendingDs } = store
    store.pendingStructs = store.pendingDs = null
    try {
      told = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(t.beforeState))
    } finally {
      Object.assign(store, { pendingStructs, pendingDs })
    }
  }
  for (const f of [...listeners]) f(told, origin, doc, t)
}
