import { LIMITS, cleanName, cleanText, type Unsigned } from '../records/index.ts'
import type { Room } from '../room.ts'
import { done, fail, put, serial, type Result } from './write.ts'

// as many as a room record may name (see shape.ts)
const MAX_AFTER = 16

/**
 * The refs a new change follows: the one shown now first, then the furthest along of the others not yet followed,
 * so a heap of decoys can't crowd out the name it replaces.
 */
const heads = (room: Room): string[] => {
  const all = [...room.ledger.about.values()].filter((r) => !room.ledger.chains.contested(r))
  const followed = new Set(all.flatMap((r) => r.after ?? []))
  return room.about().history.map((h) => h.ref).filter((ref) => !followed.has(ref)).slice(0, MAX_AFTER)
}

/** Any member may name the room and describe it; the history shows who did. */
export const describeRoom = (room: Room, name: string, about: string): Promise<Result> => {
  const clean = cleanName(name)
  if (!clean) return Promise.resolve(fail({ code: 'name-the-room' }, { name: { code: 'needed' } }))
  if (name.trim().length > LIMITS.roomName) return Promise.resolve(fail({ code: 'at-most', what: 'room-name', max: LIMITS.roomName }, { name: { code: 'too-long' } }))
  if (about.length > LIMITS.about) return Promise.resolve(fail({ code: 'at-most', what: 'about', max: LIMITS.about }, { about: { code: 'too-long' } }))
  return serial(room, async () => {
    const now = room.about().current
    if (now && now.name === clean && now.about === cleanText(about)) return { ok: true, id: now.ref }
    const n = Math.max(0, ...[...room.ledger.about.values()].filter((r) => r.by === room.me.id).map((r) => r.n)) + 1
    const after = heads(room)
    const body = { t: 'room', n, by: room.me.id, at: room.now(), name: clean, about: cleanText(about), after: after.length ? after : undefined } as Unsigned
    return done('room')(await put(room, [body]))
  })
}
