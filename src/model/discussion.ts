import { nanoid } from 'nanoid'
import type { MemberId } from '../identity/index.ts'
import { LIMITS, commentRef, type CommentRecord, type HearthRecord, type Unsigned } from './records.ts'
import type { Room } from './room.ts'
import { plausible, shown } from './time.ts'
import { done, fail, put, serial, type Result } from './write.ts'

/** One comment as everyone sees it: its author's latest version, and the replies to it. */
export interface CommentView {
  ref: string
  by: MemberId
  /** empty once withdrawn, or hidden by a host (except for its author) */
  text: string
  /** when it was first written and last changed, as claimed, shown within what could be true */
  at: number
  editedAt?: number
  gone: boolean
  hidden: boolean
  /** the ref of the comment it answers, when that one is here */
  re?: string
  replies: CommentView[]
  timeLooksWrong: boolean
}

// the order its author signed them: a later version edits or withdraws the earlier
const bySigning = (a: CommentRecord, b: CommentRecord) => (a.seq ?? 0) - (b.seq ?? 0) || a.n - b.n || (a.sig < b.sig ? -1 : 1)
const byTime = (a: CommentView, b: CommentView) => a.at - b.at || (a.ref < b.ref ? -1 : 1)

/**
 * An invitation's discussion, as a tree in the order comments were written. A withdrawn comment with no
 * replies leaves nothing behind; one that was answered stays as a place-holder, so the replies keep their sense.
 */
export const discussionOf = (
  records: Iterable<CommentRecord>, hidden: readonly string[], opts: { me: MemberId; now: number; floor: number; contested: (r: HearthRecord) => boolean },
): CommentView[] => {
  const versions = new Map<string, CommentRecord[]>()
  for (const r of records) {
    if (opts.contested(r)) continue
    const ref = commentRef(r)
    const list = versions.get(ref)
    if (list) list.push(r)
    else versions.set(ref, [r])
  }
  const hide = new Set(hidden)
  const views = new Map<string, CommentView>()
  for (const [ref, list] of versions) {
    list.sort(bySigning)
    const first = list[0]
    const last = list[list.length - 1]
    const isHidden = hide.has(ref)
    const gone = !!last.gone
    views.set(ref, {
      ref, by: first.by, text: gone || (isHidden && first.by !== opts.me) ? '' : last.text,
      at: shown(first.at, opts.now, opts.floor), editedAt: list.length > 1 ? shown(last.at, opts.now, opts.floor) : undefined,
      gone, hidden: isHidden, re: first.re, replies: [],
      timeLooksWrong: !plausible(first.at, opts.now, opts.floor) || !plausible(last.at, opts.now, opts.floor),
    })
  }
  // a reply to a comment not here (yet) stands alone; so does one whose replies would lead back to it
  const refs = [...views.keys()].sort()
  for (const ref of refs) {
    const v = views.get(ref)!
    const seen = new Set<string>([ref])
    for (let p = v.re && views.get(v.re); p; p = p.re ? views.get(p.re) : undefined) {
      if (seen.has(p.ref)) { v.re = undefined; break }
      seen.add(p.ref)
    }
    if (v.re && !views.has(v.re)) v.re = undefined
  }
  const top: CommentView[] = []
  for (const ref of refs) {
    const v = views.get(ref)!
    if (v.re) views.get(v.re)!.replies.push(v)
    else top.push(v)
  }
  const prune = (list: CommentView[]): CommentView[] =>
    list.sort(byTime).filter((v) => (v.replies = prune(v.replies)).length || !v.gone)
  return prune(top)
}

/** The comments' texts, for search. */
export const commentTexts = (list: CommentView[]): string[] => list.flatMap((v) => [v.text, ...commentTexts(v.replies)])

const latestOf = (room: Room, id: string, ref: string): CommentRecord | undefined => {
  let latest: CommentRecord | undefined
  for (const r of room.ledger.comments.get(id)?.values() ?? [])
    if (commentRef(r) === ref && !room.ledger.chains.contested(r) && (!latest || bySigning(r, latest) > 0)) latest = r
  return latest
}

const textErrors = (text: string): Result | null => {
  if (!text.trim()) return fail('Please write something first.', { text: 'Needed.' })
  if (text.length > LIMITS.comment) return fail(`A comment is at most ${LIMITS.comment.toLocaleString('en')} characters.`, { text: 'Too long.' })
  return null
}

/** Write a comment on an invitation, or a reply to one (`re`, a comment's ref). Any member may. */
export const comment = (room: Room, id: string, text: string, re?: string): Promise<Result> => {
  const refused = textErrors(text)
  if (refused) return Promise.resolve(refused)
  return serial(room, async () => {
    if (!room.state(id)) return fail('This invitation is not here (yet).')
    if (re !== undefined && !latestOf(room, id, re)) return fail('The comment you are answering is not here.')
    const body = { t: 'com', id, c: nanoid(12), n: 1, by: room.me.id, at: room.now(), text: text.trim(), re } as Unsigned
    return done(commentRef(body as CommentRecord))(await put(room, [body]))
  })
}

const own = (room: Room, id: string, ref: string): CommentRecord | Result => {
  const latest = latestOf(room, id, ref)
  if (!latest) return fail('This comment is not here.')
  if (latest.by !== room.me.id) return fail('Only its author can change a comment.')
  if (latest.gone) return fail('This comment was withdrawn.')
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
