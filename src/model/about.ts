import type { MemberId } from '../identity/index.ts'
import { refOf } from './chain.ts'
import { LIMITS, type HearthRecord, type RoomRecord, type Unsigned } from './records.ts'
import type { Room } from './room.ts'
import { cleanName, cleanText } from './people.ts'
import { plausible, shown } from './time.ts'
import { done, fail, put, serial, type Result } from './write.ts'

export interface RoomChange {
  ref: string
  by: MemberId
  name: string
  about: string
  /** as claimed, shown within what could be true */
  at: number
  timeLooksWrong: boolean
}

/** The room's name and description as every member sees them, and who gave each. */
export interface RoomAbout {
  current: RoomChange | null
  /** newest first */
  history: RoomChange[]
}

const MAX_AFTER = 16

/**
 * Which name wins is decided by causal order, not clocks: each change names the ones it follows (`after`),
 * and the current one is the furthest along that order; two made without seeing each other are told apart
 * by their signatures, the same way on every phone.
 */
export const aboutOf = (records: Iterable<RoomRecord>, contested: (r: HearthRecord) => boolean, now: number): RoomAbout => {
  const byRef = new Map<string, RoomRecord>()
  for (const r of records) if (!contested(r)) byRef.set(refOf(r), r)
  const depth = new Map<string, number>()
  const depthOf = (start: RoomRecord): number => {
    // iterative, so a long chain of renames can't overflow the stack
    const stack: RoomRecord[] = [start]
    while (stack.length) {
      const r = stack[stack.length - 1]
      const ref = refOf(r)
      if (depth.has(ref)) { stack.pop(); continue }
      const parents = (r.after ?? []).map((a) => byRef.get(a)).filter((p): p is RoomRecord => !!p && p !== r)
      const missing = parents.filter((p) => !depth.has(refOf(p)) && !stack.includes(p))
      if (missing.length) { stack.push(...missing); continue }
      depth.set(ref, 1 + Math.max(0, ...parents.map((p) => depth.get(refOf(p)) ?? 0)))
      stack.pop()
    }
    return depth.get(refOf(start))!
  }
  const ordered = [...byRef.values()].map((r) => ({ r, d: depthOf(r) }))
    .sort((a, b) => b.d - a.d || (a.r.sig < b.r.sig ? 1 : -1))
  const history = ordered.map(({ r }): RoomChange => ({
    ref: refOf(r), by: r.by, name: cleanName(r.name), about: cleanText(r.about), at: shown(r.at, now), timeLooksWrong: !plausible(r.at, now),
  }))
  return { current: history[0] ?? null, history }
}

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
