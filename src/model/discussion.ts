import { nanoid } from 'nanoid'
import type { MemberId } from '../identity/index.ts'
import { LIMITS, commentRef, type CommentRecord, type HearthRecord, type Unsigned } from './records.ts'
import type { Room } from './room.ts'
import { cleanText } from './people.ts'
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
  /** set on a reply shown beside the one it answers (replies nest MAX_DEPTH deep): whom it answers */
  replyTo?: MemberId
  replies: CommentView[]
  timeLooksWrong: boolean
}

/** How deep replies nest: a reply to a reply deeper than this is shown beside it. */
export const MAX_DEPTH = 3
const ON_PATH = -1

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
      ref, by: first.by, text: gone || (isHidden && first.by !== opts.me) ? '' : cleanText(last.text),
      at: shown(first.at, opts.now, opts.floor), editedAt: list.length > 1 ? shown(last.at, opts.now, opts.floor) : undefined,
      gone, hidden: isHidden, re: first.re, replies: [],
      timeLooksWrong: !plausible(first.at, opts.now, opts.floor) || !plausible(last.at, opts.now, opts.floor),
    })
  }
  // each comment's place, found once: a reply to a comment not here (yet) stands alone; so does one on a loop
  const refs = [...views.keys()].sort()
  const depth = new Map<string, number>()
  for (const ref of refs) {
    const path: CommentView[] = []
    for (let v = views.get(ref); v && !depth.has(v.ref);) {
      depth.set(v.ref, ON_PATH)
      path.push(v)
      const parent = v.re !== undefined ? views.get(v.re) : undefined
      if (!parent || depth.get(parent.ref) === ON_PATH) { v.re = undefined; break }
      v = parent
    }
    for (let i = path.length - 1; i >= 0; i--) depth.set(path[i].ref, path[i].re === undefined ? 0 : depth.get(path[i].re!)! + 1)
  }
  // replies nest MAX_DEPTH deep; one to a deeper reply sits beside its parent, saying whom it answers
  const under = new Map<string, CommentView>()
  const top: CommentView[] = []
  for (const ref of [...refs].sort((a, b) => depth.get(a)! - depth.get(b)!)) {
    const v = views.get(ref)!
    if (v.re === undefined) { top.push(v); continue }
    const parent = views.get(v.re)!
    const home = depth.get(ref)! <= MAX_DEPTH ? parent : under.get(parent.ref)!
    if (home !== parent) v.replyTo = parent.by
    under.set(ref, home)
    home.replies.push(v)
  }
  // the tree is at most MAX_DEPTH deep, so this walk is short
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
