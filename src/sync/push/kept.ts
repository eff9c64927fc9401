/**
 * What the service worker needs to show a room's pushes with the app closed, in IndexedDB (the SW has no
 * localStorage): per topic, the room's id and name, its secret sealed by this browser's vault (as in device.ts, never
 * plain), and the invitations muted here. Only rooms with notifications on are kept.
 */
export interface PushRoom {
  topic: string
  roomId: string
  name: string
  /** the room secret, sealed at rest (crypto sealAtRest) */
  sealed: string
  mutedInvites: string[]
  /** this device's push endpoint, when the browser gave one */
  endpoint?: string
  /** who may sign this room's notes, as the app last saw the room: device → person, and each person's name */
  people?: Record<string, string>
  names?: Record<string, string>
  /** this device's person: their own notes (reminders) show no name */
  self?: string
  /** people whose notes this device leaves out */
  mutedPeople?: string[]
}

const DB = 'hearth-push'
const STORE = 'rooms'

const request = <T>(req: IDBRequest<T>): Promise<T> => new Promise((ok, fail) => {
  req.onsuccess = () => ok(req.result)
  req.onerror = () => fail(req.error)
})

const db = async () => {
  const open = indexedDB.open(DB, 1)
  open.onupgradeneeded = () => open.result.createObjectStore(STORE, { keyPath: 'topic' })
  return request(open)
}

const inStore = async <T>(mode: IDBTransactionMode, work: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
  const d = await db()
  try {
    return await request(work(d.transaction(STORE, mode).objectStore(STORE)))
  } finally {
    d.close()
  }
}

export const pushRoom = (topic: string) => inStore('readonly', (s) => s.get(topic) as IDBRequest<PushRoom | undefined>)
export const pushRoomById = async (roomId: string) =>
  (await inStore('readonly', (s) => s.getAll() as IDBRequest<PushRoom[]>)).find((r) => r.roomId === roomId)
export const keepPushRoom = (r: PushRoom) => inStore('readwrite', (s) => s.put(r)).then(() => {})
export const dropPushRoom = (topic: string) => inStore('readwrite', (s) => s.delete(topic)).then(() => {})
