import type { MemberId } from '../../identity/index.ts'
import { cleanName, cleanText, plausible, refOf, shown, type HearthRecord, type RoomRecord } from '../records/index.ts'

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
