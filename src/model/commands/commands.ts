import { isMemberKey, type MemberId } from '../../identity/index.ts'
import {
  LIMITS, STANCES, cleanName, contentErrors, inviteId, newNonce, refOf, shortId,
  type Answer, type Content, type HearthRecord, type InviteOp, type InviteRecord, type Kind, type ResponseRecord, type Stance, type Unsigned,
} from '../records/index.ts'
import type { Room } from '../room.ts'
import { countedStances, foldInvite, latestReplies, occurrenceOf, queueHeads, type InviteState } from '../views/index.ts'
import type { ModelError } from '../errors.ts'
import { clean, done, fail, put, serial, type Result } from './write.ts'

export type { Result }
export { comment, editComment, withdrawComment } from './discussion.ts'
export { describeRoom } from './about.ts'

const NOT_A_KEY: ModelError = { code: 'not-a-member-key' }
const NOT_HERE: ModelError = { code: 'not-here' }
const FIELDS: ModelError = { code: 'fields-need-look' }

const creating = (room: Room, kind: Kind, content: Content) => {
  const nonce = newNonce()
  const id = inviteId(room.me.id, nonce, true)
  return { t: 'inv', id, v: 1, by: room.me.id, at: room.now(), op: 'create', kind, nonce, c: clean(content) } as Unsigned
}

/** Make an invitation; the maker is its first host. */
export const invite = (room: Room, kind: Kind, content: Content): Promise<Result> => {
  const fields = contentErrors(kind, content)
  if (Object.keys(fields).length) return Promise.resolve(fail(FIELDS, fields))
  return serial(room, async () => {
    const body = creating(room, kind, content)
    return done((body as InviteRecord).id)(await put(room, [body]))
  })
}

/** Many invitations at once, in one transaction: for imports, and for seeding large rooms in tests and the bench. */
export const inviteMany = (room: Room, items: { kind: Kind; content: Content }[]): Promise<Result> => {
  const bad = items.findIndex((i) => Object.keys(contentErrors(i.kind, i.content)).length)
  if (bad >= 0) return Promise.resolve(fail({ code: 'invitation-needs-look', n: bad + 1 }, contentErrors(items[bad].kind, items[bad].content)))
  return serial(room, async () => {
    const bodies = items.map(({ kind, content }) => creating(room, kind, content))
    return done((bodies[0] as InviteRecord | undefined)?.id ?? '')(await put(room, bodies))
  })
}

/** Signs one more version of an invitation, if the fold would count it. */
export const change = (room: Room, id: string, op: InviteOp | (() => InviteOp)): Promise<Result> => serial(room, async () => {
  const existing = [...(room.ledger.invites.get(id)?.values() ?? [])]
  const opts = { contested: room.ledger.chains.contested, personOf: room.personOf }
  const before = foldInvite(existing, opts)
  if (!before) return fail(NOT_HERE)
  const body = typeof op === 'function' ? op() : op
  if (body.op !== 'accept' && body.op !== 'decline' && !before.hosts.includes(room.person())) return fail({ code: 'refused', op: body.op })
  const unsigned = { t: 'inv', id, v: before.next, by: room.me.id, at: room.now(), ...body } as Unsigned
  const counts = ([record]: HearthRecord[]) => {
    const after = foldInvite([...existing, record as InviteRecord], opts)
    return !after || after.refused > before.refused || after.version < before.next ? fail({ code: 'refused', op: body.op }) : null
  }
  return done(id)(await put(room, [unsigned], counts))
})

export const edit = (room: Room, id: string, content: Content): Promise<Result> => {
  const kind = room.state(id)?.kind
  if (!kind) return Promise.resolve(fail(NOT_HERE))
  const fields = contentErrors(kind, content)
  if (Object.keys(fields).length) return Promise.resolve(fail(FIELDS, fields))
  return change(room, id, { op: 'edit', kind, c: clean(content) })
}
/** Cancelling names the claims it saw: they still show who stepped up; none made after count. */
export const cancel = (room: Room, id: string) => change(room, id, () => {
  const seen = room.needs(id).flatMap((n) => n.claims.map((c) => c.ref))
  return { op: 'cancel', seen: seen.length ? seen : undefined }
})
export const inviteCohost = async (room: Room, id: string, m: MemberId) =>
  isMemberKey(m) ? change(room, id, { op: 'cohost', m }) : fail(NOT_A_KEY)
export const acceptCohost = (room: Room, id: string) => change(room, id, { op: 'accept' })
export const declineCohost = (room: Room, id: string) => change(room, id, { op: 'decline' })
export const stepDown = async (room: Room, id: string, to?: MemberId) =>
  to === undefined || isMemberKey(to) ? change(room, id, { op: 'stepdown', to }) : fail(NOT_A_KEY)
export const recordAttendance = (room: Room, id: string, ms: MemberId[]) => change(room, id, { op: 'attended', ms })
/** A host takes a comment off the invitation, or puts it back; the comment itself stays its author's. */
export const hideComment = (room: Room, id: string, ref: string) => change(room, id, { op: 'hide', c: ref })
export const unhideComment = (room: Room, id: string, ref: string) => change(room, id, { op: 'unhide', c: ref })

/** Every guest who said yes becomes a co-host: the host/guest line dissolves. */
export const makeYourselfAtHome = (room: Room, id: string) => change(room, id, () => {
  const v = room.invitation(id)
  const ms = v ? [...v.going, ...v.waitlist].map((r) => r.member).filter((m) => !v.hosts.includes(m)) : []
  return { op: 'home', ms }
})

/** Closing names the stances it saw: those, and only those, count from then on, whatever anyone's clock says. */
export const close = (room: Room, id: string, outcome: string, review?: number) => {
  if (!outcome.trim()) return Promise.resolve(fail({ code: 'write-outcome' }, { outcome: { code: 'needed' } }))
  if (outcome.length > LIMITS.text) return Promise.resolve(fail({ code: 'at-most', what: 'outcome', max: LIMITS.text }, { outcome: { code: 'too-long' } }))
  return change(room, id, () => {
    const s = room.state(id)
    const stances = s ? countedStances(s, room.ledger.responses.get(id)?.values() ?? [], room.ledger.chains.contested, room.personOf) : []
    return { op: 'close', outcome, review, seen: s?.chained ? stances.map(refOf) : undefined }
  })
}

const isStance = (a: string) => STANCES.includes(a as Stance)
const headsOf = (room: Room, records: ResponseRecord[]) => queueHeads([...latestReplies(records, 0, 0, room.personOf).runs.values()])

export interface Reply {
  answer: Answer | Stance
  plus?: number
  note?: string
  /** on a repeating event: the occurrence answered, by when the series says it begins (the next one if not given) */
  at?: number
}

/** Answer for yourself. Changing your mind is one more signed version; a no costs nothing. */
export const respond = (room: Room, id: string, reply: Reply): Promise<Result> => serial(room, async () => {
  const s = room.state(id)
  if (!s) return fail(NOT_HERE)
  const refused = replyErrors(s, reply)
  if (refused) return refused
  const o = occurrenceOf(s, room.now(), reply.at)
  if (reply.at !== undefined && o?.at !== reply.at) return fail(NOT_HERE)
  if (o?.cancelled) return fail({ code: 'date-cancelled' })
  const every = [...(room.ledger.responses.get(id)?.values() ?? [])]
  // the person's answers from any of their devices: this one numbers itself past them all, and so replaces them
  const ours = every.filter((r) => room.personOf(r.by) === room.person())
  // answers to one date of a repeating event are a queue of their own
  const all = every.filter((r) => r.o === o?.at)
  const mine = latestReplies(ours.filter((r) => r.o === o?.at), 0, 0, room.personOf).latest[0]
  const n = Math.max(0, ...ours.map((r) => r.n)) + 1
  // a new run of yes names the queue it joins, which is what gives it its place
  const after = reply.answer === 'yes' && mine?.a !== 'yes' ? headsOf(room, all.filter((r) => isStance(r.a) === (s.kind === 'proposal'))) : undefined
  const note = reply.note?.trim() || undefined
  const body = { t: 'res', id, n, by: room.me.id, at: room.now(), a: reply.answer, plus: reply.plus || undefined, note, after, o: o?.at } as Unsigned
  return done(id)(await put(room, [body]))
})

const replyErrors = (s: InviteState, reply: Reply): Result | null => {
  if ((s.kind === 'proposal') !== isStance(reply.answer)) return fail({ code: s.kind === 'proposal' ? 'choose-stance' : 'choose-answer' })
  const note = reply.note?.trim() || undefined
  if ((reply.answer === 'object' || reply.answer === 'block') && !note)
    return fail({ code: 'give-reason' }, { note: { code: 'reason-needed' } })
  if (note && note.length > LIMITS.note) return fail({ code: 'at-most', what: 'note', max: LIMITS.note }, { note: { code: 'too-long' } })
  const allowed = s.kind === 'event' && 'plusOnes' in s.content ? s.content.plusOnes : 0
  const plus = reply.plus || undefined
  if (plus !== undefined && (!Number.isInteger(plus) || plus < 0 || plus > allowed))
    return fail(allowed ? { code: 'guests-up-to', n: allowed } : { code: 'no-plus-ones' }, { plus: { code: 'not-allowed' } })
  return null
}

/** Your display name in this room: a signed member record, no account. */
export const setName = (room: Room, name: string): Promise<Result> => {
  if (name.trim().length > LIMITS.name) return Promise.resolve(fail({ code: 'at-most', what: 'name', max: LIMITS.name }, { name: { code: 'too-long' } }))
  const trimmed = cleanName(name)
  if (!trimmed) return Promise.resolve(fail({ code: 'choose-name' }, { name: { code: 'choose-name' } }))
  return serial(room, async () => {
    if (room.nameOf(room.me.id) === trimmed) return { ok: true, id: room.person() }
    const n = Math.max(0, ...(room.ledger.members.get(room.me.id) ?? []).map((m) => m.n)) + 1
    return done(room.me.id)(await put(room, [{ t: 'mem', by: room.me.id, n, at: room.now(), name: trimmed }]))
  })
}

export { shortId }
