import { open, seal, type RoomKeys } from '../../crypto/index.ts'
import { sign, verify, type Identity } from '../../identity/index.ts'

/** What a push says, written by the member's device that made the change, signed by it and sealed with the room key. */
export interface PushNote {
  body: string
  /** the invitation it is about, opened on a click */
  inv?: string
  /** when it is for (ms): now for a note, its time for a reminder; a note far from its time is dropped as a replay */
  at: number
}

/** a note as opened: what it says, and the device that signed it */
export interface SignedNote extends PushNote { by: string }

const MAX = 400
/** how early (a clock ahead) and how late (a push service holds a push for a day) a note may still show */
const EARLY = 3600_000
const LATE = 2 * 24 * 3600_000

// bound to the room, so a member of two rooms can't carry a note signed in one into the other
const signed = (keys: RoomKeys, text: string) => `hearth/push\n${keys.topic}\n${text}`

export const sealNote = async (keys: RoomKeys, note: PushNote, me: Identity) => {
  const text = JSON.stringify({ body: note.body.slice(0, MAX), ...(note.inv ? { inv: note.inv.slice(0, 64) } : {}), at: note.at })
  const sig = await sign(me, signed(keys, text))
  return seal(keys, 'push', new TextEncoder().encode(JSON.stringify({ text, by: me.id, sig })))
}

/**
 * null for anything that isn't a note sealed by this room for a push, signed by the device it names, near its time.
 * Who that device is, the service worker decides from what it keeps (kept.ts), never from the note.
 */
export const openNote = async (keys: RoomKeys, sealed: Uint8Array, now: number): Promise<SignedNote | null> => {
  const plain = open(keys, 'push', sealed)
  if (!plain) return null
  try {
    const { text, by, sig } = JSON.parse(new TextDecoder().decode(plain)) as { text: string; by: string; sig: string }
    if (typeof text !== 'string' || typeof by !== 'string' || typeof sig !== 'string' || !(await verify(by, signed(keys, text), sig))) return null
    const n = JSON.parse(text) as PushNote
    if (typeof n.body !== 'string' || (n.inv !== undefined && typeof n.inv !== 'string') || typeof n.at !== 'number') return null
    if (n.at > now + EARLY || n.at < now - LATE) return null
    return { body: n.body.slice(0, MAX), ...(n.inv ? { inv: n.inv } : {}), at: n.at, by }
  } catch {
    return null
  }
}
