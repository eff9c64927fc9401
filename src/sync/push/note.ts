import { open, seal, type RoomKeys } from '../../crypto/index.ts'

/** What a push says, written by the member's device that made the change, sealed with the room key. */
export interface PushNote {
  title: string
  body: string
  /** the invitation it is about, opened on a click */
  inv?: string
}

const MAX = 400

export const sealNote = (keys: RoomKeys, note: PushNote) => {
  const clip = (s: string) => s.slice(0, MAX)
  return seal(keys, 'push', new TextEncoder().encode(JSON.stringify({ title: clip(note.title), body: clip(note.body), ...(note.inv ? { inv: note.inv.slice(0, 64) } : {}) })))
}

/** null for anything that isn't a note sealed by this room for a push */
export const openNote = (keys: RoomKeys, sealed: Uint8Array): PushNote | null => {
  const plain = open(keys, 'push', sealed)
  if (!plain) return null
  try {
    const n = JSON.parse(new TextDecoder().decode(plain)) as PushNote
    if (typeof n.title !== 'string' || typeof n.body !== 'string' || (n.inv !== undefined && typeof n.inv !== 'string')) return null
    return { title: n.title.slice(0, MAX), body: n.body.slice(0, MAX), ...(n.inv ? { inv: n.inv } : {}) }
  } catch {
    return null
  }
}
