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
export const persistRoom = async (roomId: string, doc: Y.Doc) => {
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

  const onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === idb || update.length > JOURNAL_LIMIT || !idb.db) return
    const entry = toBase64url(update)
    write([...read(), entry])
    // IndexedDB runs transactions on one store in order: once this one completes, y-indexeddb's write has too
    const barrier = idb.db.transaction(['updates'], 'readonly')
    barrier.oncomplete = () => write(read().filter((e) => e !== entry))
  }
  // registered after y-indexeddb's own handler, so its write is queued before the barrier
  doc.on('update', onUpdate)

  return {
    idb,
    get: (k: string) => idb.get(k) as Promise<unknown>,
    set: (k: string, v: unknown) => idb.set(k, v as ArrayBuffer),
    close: async () => {
      doc.off('update', onUpdate)
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
