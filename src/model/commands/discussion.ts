import { nanoid } from 'nanoid'
import { LIMITS, commentRef, type CommentRecord, type Unsigned } from '../records/index.ts'
import type { Room } from '../room.ts'
import { bySigning } from '../views/index.ts'
import { done, fail, put, serial, type Result } from './write.ts'

const latestOf = (room: Room, id: string, ref: string): CommentRecord | undefined => {
  let latest: CommentRecord | undefined
  for (const r of room.ledger.comments.get(id)?.values() ?? [])
    if (commentRef(r) === ref && !room.ledger.chains.contested(r) && (!latest || bySigning(r, latest) > 0)) latest = r
  return latest
}

const textErrors = (text: string): Result | null => {
  if (!text.trim()) return fail({ code: 'write-something' }, { text: { code: 'needed' } })
  if (text.length > LIMITS.comment) return fail({ code: 'at-most', what: 'comment', max: LIMITS.comment }, { text: { code: 'too-long' } })
  return null
}

/** Write a comment on an invitation, or a reply to one (`re`, a comment's ref). Any member may. */
export const comment = (room: Room, id: string, text: string, re?: string): Promise<Result> => {
  const refused = textErrors(text)
  if (refused) return Promise.resolve(refused)
  return serial(room, async () => {
    if (!room.state(id)) return fail({ code: 'not-here' })
    if (re !== undefined && !latestOf(room, id, re)) return fail({ code: 'answering-gone' })
    const body = { t: 'com', id, c: nanoid(12), n: 1, by: room.me.id, at: room.now(), text: text.trim(), re } as Unsigned
    return done(commentRef(body as CommentRecord))(await put(room, [body]))
  })
}

const own = (room: Room, id: string, ref: string): CommentRecord | Result => {
  const latest = latestOf(room, id, ref)
  if (!latest) return fail({ code: 'comment-gone' })
  if (latest.by !== room.me.id) return fail({ code: 'only-author' })
  if (latest.gone) return fail({ code: 'withdrawn' })
  return latest
}

const next = (room: Room, latest: CommentRecord, change: { text: string; gone?: true }): Unsigned =>
  ({ t: 'com', id: latest.id, c: latest.c, n: latest.n + 1, by: room.me.id, at: room.now(), re: latest.re, ...change }) as Unsigned

/** Its author changes a comment: one more signed version. */
export const editComment = (room: Room, id: string, ref: string, text: string): Promise<Result> => {
  const refused = textErrors(text)
  if (refused) return Promise.resolve(refused)
  return serial(room, async () => {
    const latest = own(room, id, ref)
    if ('ok' in latest) return latest
    if (latest.text === text.trim()) return { ok: true, id: ref }
    return done(ref)(await put(room, [next(room, latest, { text: text.trim() })]))
  })
}

/** Its author takes a comment back: its text is no longer shown to anyone. */
export const withdrawComment = (room: Room, id: string, ref: string): Promise<Result> => serial(room, async () => {
  const latest = own(room, id, ref)
  if ('ok' in latest) return latest
  return done(ref)(await put(room, [next(room, latest, { text: '', gone: true })]))
})
