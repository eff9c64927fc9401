import { openAtRest, roomKeys } from '../../crypto/index.ts'
import { readPushText } from '../../protocol/index.ts'
import { pushRoom } from './kept.ts'
import { openNote } from './note.ts'

/**
 * What the service worker shows for a push: null for a room not kept here (or moved on), bytes that don't open, a note
 * not signed by a device the app last saw in the room, or one from a muted person or about a muted invitation. Who it
 * is from comes from what this device kept, never from the note.
 */
export const notificationFor = async (text: string, now = Date.now()): Promise<{ title: string; body: string; path: string; tag: string } | null> => {
  const p = readPushText(text)
  if (!p) return null
  const room = await pushRoom(p.topic)
  if (!room) return null
  const secret = await openAtRest(room.sealed)
  if (!secret) return null
  const keys = roomKeys(secret)
  // a topic is the hash of the room's write key: a kept record under another topic is not this room's
  if (keys.topic !== p.topic) return null
  const note = await openNote(keys, p.sealed, now)
  const person = note && room.people?.[note.by]
  if (!note || !person || room.mutedPeople?.includes(person) || (note.inv && room.mutedInvites.includes(note.inv))) return null
  const from = person === room.self ? '' : room.names?.[person]
  const path = note.inv ? `#/room/${encodeURIComponent(room.roomId)}/i/${encodeURIComponent(note.inv)}` : `#/room/${encodeURIComponent(room.roomId)}`
  return { title: from ? `${from} · ${room.name}` : room.name, body: note.body, path, tag: `${room.roomId}/${note.inv ?? ''}` }
}

interface SW {
  registration: { showNotification: (title: string, o: object) => Promise<void>; scope: string }
  clients: { matchAll: (o: object) => Promise<{ url: string; focus: () => Promise<unknown>; navigate?: (u: string) => Promise<unknown> }[]>; openWindow: (u: string) => Promise<unknown> }
  addEventListener: (type: string, f: (e: never) => void) => void
}
interface PushEvent { data: { text: () => string } | null; waitUntil: (p: Promise<unknown>) => void }
interface ClickEvent { notification: { data?: { path?: string }; close: () => void }; waitUntil: (p: Promise<unknown>) => void }

/** The service worker's push and click handlers (sw.ts is its entry, imported by the generated worker). */
export const listen = (sw: SW) => {
  sw.addEventListener('push', (e: PushEvent) => {
    const text = e.data?.text() ?? ''
    e.waitUntil(notificationFor(text).then((n) => n && sw.registration.showNotification(n.title, { body: n.body, tag: n.tag, data: { path: n.path }, icon: 'icon-192.png' }))
      .catch((err) => console.warn('hearth: a push could not be shown', err)))
  })
  sw.addEventListener('notificationclick', (e: ClickEvent) => {
    e.notification.close()
    const url = new URL(e.notification.data?.path ?? '#/', sw.registration.scope).href
    const work = (async () => {
      const open = (await sw.clients.matchAll({ type: 'window', includeUncontrolled: true }))[0]
      if (open?.navigate) { await open.navigate(url); return open.focus().catch(() => {}) }
      return sw.clients.openWindow(url)
    })()
    // started before waitUntil, which throws for an event the browser didn't make (a test's NotificationEvent)
    try { e.waitUntil(work) } catch { /* the work goes on */ }
  })
}
