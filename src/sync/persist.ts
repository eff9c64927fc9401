import { IndexeddbPersistence, storeState } from 'y-indexeddb'
import * as Y from 'yjs'
import { fromBase64url, toBase64url } from '../crypto/index.ts'

const JOURNAL_LIMIT = 64 * 1024
const COMPACT_ROWS = 20

export const dbName = (roomId: string) => `hearth-room-${roomId}`
const journalKey = (roomId: string) => `hearth-journal-${roomId}`

/**
 * y-indexeddb for one room, plus what it lacks:
 * - a journal in localStorage of local edits not yet known to be committed, so that an edit
 *   made just before the tab closes survives (y-indexeddb #28);
 * - compaction on open, so the store does not grow with every open (#31).
 */
/** `remote`: whether an update came from a peer or the relay (they still hold it, so it is stored a moment later) */
export const persistRoom = async (roomId: string, doc: Y.Doc, remote: (origin: unknown) => boolean = () => false) => {
  const idb = new IndexeddbPersistence(dbName(roomId), doc)
  // while the stored room is read, nothing else writes to the document; y-indexeddb's listener skips what it reads
  // anyway, but a listener makes Yjs encode the whole room again as one update (as long as decoding it)
  doc.off('update', idb._storeUpdate)
  await idb.whenSynced
  doc.on('update', idb._storeUpdate)
  const key = journalKey(roomId)
  const read = (): string[] => {
    try { return JSON.parse(localStorage.getItem(key) ?? '[]') } catch { return [] }
  }
  const write = (list: string[]) => {
    try {
      if (list.length) localStorage.setItem(key, JSON.stringify(list))
      else localStorage.removeItem(key)
    } catch { /* storage full: IndexedDB still has it a moment later */ }
  }
  for (const entry of read()) {
    const update = fromBase64url(entry)
    if (update) try { Y.applyUpdate(doc, update, 'journal') } catch { /* a damaged entry is skipped */ }
  }
  write([])
  if ((await countRows(idb.db!)) > COMPACT_ROWS) await storeState(idb, true)

  const journal = (update: Uint8Array, origin: unknown) => {
    if (origin === idb || update.length > JOURNAL_LIMIT || !idb.db) return
    const entry = toBase64url(update)
    write([...read(), entry])
    // IndexedDB runs transactions on one store in order: once this one completes, y-indexeddb's write has too
    const barrier = idb.db.transaction(['updates'], 'readonly')
    barrier.oncomplete = () => write(read().filter((e) => e !== entry))
  }
  // Storing an update costs a couple of milliseconds (an IndexedDB transaction and the journal), and Yjs calls
  // every update handler before the next: stored in the same task, an edit reached peers only after it was on disk.
  // So updates are stored in order right after: this device's own in a microtask (still before the tab can close),
  // those from peers or the relay in the next task, once the model has had its turn to check and show them.
  const stored = idb._storeUpdate
  doc.off('update', stored)
  let later: [Uint8Array, unknown][] = []
  let soon = false
  let closed = false
  const flush = () => {
    soon = false
    const list = later
    later = []
    if (closed) return
    // y-indexeddb's write first, so the journal's barrier follows it
    for (const [update, origin] of list) { stored(update, origin); journal(update, origin) }
  }
  const onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === idb) return
    const now = !remote(origin)
    if (!later.length && !now) setTimeout(flush, 0)
    later.push([update, origin])
    if (now && !soon) { soon = true; queueMicrotask(flush) }
  }
  doc.on('update', onUpdate)

  return {
    idb,
    get: (k: string) => idb.get(k) as Promise<unknown>,
    set: (k: string, v: unknown) => idb.set(k, v as ArrayBuffer),
    close: async () => {
      doc.off('update', onUpdate)
      flush()
      closed = true
      await idb.destroy()
    },
  }
}

const countRows = (db: IDBDatabase) =>
  new Promise<number>((resolve) => {
    const req = db.transaction(['updates'], 'readonly').objectStore('updates').count()
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => resolve(0)
  })

export const deleteRoomData = async (roomId: string) => {
  localStorage.removeItem(journalKey(roomId))
  await new Promise<void>((resolve) => {
    const req = indexedDB.deleteDatabase(dbName(roomId))
    req.onsuccess = req.onerror = req.onblocked = () => resolve()
  })
}
