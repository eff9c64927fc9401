import { createSignal } from 'solid-js'
import type { Row } from '../parts/room/sections.ts'

/**
 * A room's first screenful as this device last showed it, kept in localStorage, so a room opens onto its list
 * while its document is read and checked. It is this device's own (what it showed after checking), and it is
 * replaced by the checked list the moment that is ready, so nothing another member writes can reach it.
 */
export interface Glance {
  roomId: string
  /** how many invitations the room showed */
  count: number
  rows: Row[]
}

/** a phone's screen and a bit: the list below comes with the checked fold */
const ROWS = 12
// a popular event's answers can be long; a glance is only a first look, never worth much of the storage
const MAX_CHARS = 200_000
const keyOf = (roomId: string) => `hearth-glance-${roomId}`

const [glance, setGlance] = createSignal<Glance | null>(null)
export { glance }

/** Shows the room's kept glance, if any; true when it has rows to paint. */
export const showGlance = (roomId: string): boolean => {
  try {
    const text = localStorage.getItem(keyOf(roomId))
    const kept = text ? (JSON.parse(text) as Glance) : null
    if (!kept || kept.roomId !== roomId || !Array.isArray(kept.rows) || !kept.rows.length) return false
    // a glance kept before rows lost their wrapper holds { view } rows
    setGlance({ ...kept, rows: kept.rows.map((r) => ('view' in r ? (r as { view: Row }).view : r)) })
    return true
  } catch {
    return false
  }
}

/** The checked list is showing: the glance has done its part. */
export const dropGlance = () => { if (glance()) setGlance(null) }

const timers = new Map<string, ReturnType<typeof setTimeout>>()

/** Keeps the first rows of the room's list as shown, a moment after it last changed (an idle write, not one per edit). */
export const keepGlance = (roomId: string, rows: Row[], count: number) => {
  clearTimeout(timers.get(roomId))
  timers.set(roomId, setTimeout(() => {
    timers.delete(roomId)
    let first = rows.slice(0, ROWS)
    for (let text = ''; first.length; first = first.slice(0, -1)) {
      text = JSON.stringify({ roomId, count, rows: first } satisfies Glance)
      if (text.length > MAX_CHARS) continue
      try { localStorage.setItem(keyOf(roomId), text) } catch { /* storage full: the room opens as before */ }
      return
    }
  }, 1000))
}

export const forgetGlance = (roomId: string) => {
  clearTimeout(timers.get(roomId))
  try { localStorage.removeItem(keyOf(roomId)) } catch { /* nothing kept */ }
}
