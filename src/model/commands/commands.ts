import { isMemberKey, type MemberId } from '../../identity/index.ts'
import {
  LIMITS, STANCES, cleanName, contentErrors, inviteId, newNonce, refOf, shortId,
  type Answer, type Content, type HearthRecord, type InviteOp, type InviteRecord, type Kind, type ResponseRecord, type Stance, type Unsigned,
} from '../records/index.ts'
import type { Room } from '../room.ts'
import { countedStances, foldInvite, latestReplies, queueHeads, type InviteState } from '../views/index.ts'
import { clean, done, fail, put, serial, type Result } from './write.ts'

export type { Result }
export { comment, editComment, withdrawComment } from './discussion.ts'
export { describeRoom } from './about.ts'

const NOT_A_KEY = 'That is not a member’s key.'

const creating = (room: Room, kind: Kind, content: Content) => {
  const nonce = newNonce()
  const id = inviteId(room.me.id, nonce, true)
  return { t: 'inv', id, v: 1, by: room.me.id, at: room.now(), op: 'create', kind, nonce, c: clean(content) } as Unsigned
}

/** Make an invitation; the maker is its first host. */
export const invite = (room: Room, kind: Kind, content: Content): Promise<Result> => {
  const fields = contentErrors(kind, content)
  if (Object.keys(fields).length) return Promise.resolve(fail('Some fields need another look.', fields))
  return serial(room, async () => {
    const body = creating(room, kind, content)
    return done((body as InviteRecord).id)(await put(room, [body]))
  })
}

/** Many invitations at once, in one transaction: for imports, and for seeding large rooms in tests and the bench. */
export const inviteMany = (room: Room, items: { kind: Kind; content: Content }[]): Promise<Result> => {
  const bad = items.findIndex((i) => Object.keys(contentErrors(i.kind, i.content)).length)
  if (bad >= 0) return Promise.resolve(fail(`Invitation ${bad + 1} needs another look.`, contentErrors(items[bad].kind, items[bad].content)))
  return serial(room, async () => {
    const bodies = items.map(({ kind, content }) => creating(room, kind, content))
    return done((bodies[0] as InviteRecord | undefined)?.id ?? '')(await put(room, bodies))
  })
}

const REFUSED: Record<InviteOp['op'], string> = {
  create: 'This invitation exists already.',
  edit: 'Only a host can change this invitation.',
  cancel: 'Only a host can cancel this invitation.',
  cohost: 'Only a host can invite a co-host, and that person is not a host yet.',
  accept: 'There is no co-host invitation for you to accept.',
  decline: 'There is no co-host invitation for you to decline.',
  stepdown: 'You are the last host: hand over to someone, or make yourself at home, before you step down.',
  home: 'Only a host can make everyone at home.',
  close: 'Only a host can close this and record the outcome.',
  attended: 'Only a host can record who came, once the event has begun, and not for themselves.',
  hide: 'Only a host can hide a comment.',
  unhide: 'Only a host can show a hidden comment again.',
}

/** Signs one more version of an invitation, if the fold would count it. */
const change = (room: Room, id: string, op: InviteOp | (() => InviteOp)): Promise<Result> => serial(room, async () => {
  const existing = [...(room.ledger.invites.get(id)?.values() ?? [])]
  const opts = { contested: room.ledger.chains.contested }
  const before = foldInvite(existing, opts)
  if (!before) return fail('This invitation is not here (yet).')
  const body = typeof op === 'function' ? op() : op
  if (body.op !== 'accept' && body.op !== 'decline' && !before.hosts.includes(room.me.id)) return fail(REFUSED[body.op])
  const unsigned = { t: 'inv', id, v: before.next, by: room.me.id, at: room.now(), ...body } as Unsigned
  const counts = ([record]: HearthRecord[]) => {
    const after = foldInvite([...existing, record as InviteRecord], opts)
    return !after || after.refused > before.refused || after.version < before.next ? fail(REFUSED[body.op]) : null
  }
  return done(id)(await put(room, [unsigned], counts))
})

export const edit = (room: Room, id: string, content: Content): Promise<Result> => {
  const kind = room.state(id)?.kind
  if (!kind) return Promise.resolve(fail('This invitation is not here (yet).'))
  const fields = contentErrors(kind, content)
  if (Object.keys(fields).length) return Promise.resolve(fail('Some fields need another look.', fields))
  return change(room, id, { op: 'edit', kind, c: clean(content) })
}
export const cancel = (room: Room, id: string) => change(room, id, { op: 'cancel' })
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
  if (!outcome.trim()) return Promise.resolve(fail('Please write the outcome, so everyone knows what was decided.', { outcome: 'Needed.' }))
  if (outcome.length > LIMITS.text) return Promise.resolve(fail(`The outcome is at most ${LIMITS.text} characters.`, { outcome: 'Too long.' }))
  return change(room, id, () => {
    const s = room.state(id)
    const stances = s ? countedStances(s, room.ledger.responses.get(id)?.values() ?? [], room.ledger.chains.contested) : []
    return { op: 'close', outcome, review, seen: s?.chained ? stances.map(refOf) : undefined }
  })
}

const isStance = (a: string) => STANCES.includes(a as Stance)
const headsOf = (records: ResponseRecord[]) => queueHeads([...latestReplies(records, 0, 0).runs.values()])

export interface Reply {
  answer: Answer | Stance
  plus?: number
  note?: string
}

/** Answer for yourself. Changing your mind is one more signed version; a no costs nothing. */
export const respond = (room: Room, id: string, reply: Reply): Promise<Result> => serial(room, async () => {
  const s = room.state(id)
  if (!s) return fail('This invitation is not here (yet).')
  const refused = replyErrors(s, reply)
  if (refused) return refused
  const all = [...(room.ledger.responses.get(id)?.values() ?? [])]
  const mine = latestReplies(all.filter((r) => r.by === room.me.id), 0, 0).latest[0]
  const n = Math.max(0, ...all.filter((r) => r.by === room.me.id).map((r) => r.n)) + 1
  // a new run of yes names the queue it joins, which is what gives it its place
  const after = reply.answer === 'yes' && mine?.a !== 'yes' ? headsOf(all.filter((r) => isStance(r.a) === (s.kind === 'proposal'))) : undefined
  const note = reply.note?.trim() || undefined
  const body = { t: 'res', id, n, by: room.me.id, at: room.now(), a: reply.answer, plus: reply.plus || undefined, note, after } as Unsigned
  return done(id)(await put(room, [body]))
})

const replyErrors = (s: InviteState, reply: Reply): Result | null => {
  if ((s.kind === 'proposal') !== isStance(reply.answer)) return fail(s.kind === 'proposal' ? 'Choose agree, abstain, object or block.' : 'Choose yes, maybe or no.')
  const note = reply.note?.trim() || undefined
  if ((reply.answer === 'object' || reply.answer === 'block') && !note)
    return fail('Please give your reason: the group needs it to work with your concern.', { note: 'A reason is needed.' })
  if (note && note.length > LIMITS.note) return fail(`A note is at most ${LIMITS.note} characters.`, { note: 'Too long.' })
  const allowed = s.kind === 'event' && 'plusOnes' in s.content ? s.content.plusOnes : 0
  const plus = reply.plus || undefined
  if (plus !== undefined && (!Number.isInteger(plus) || plus < 0 || plus > allowed))
    return fail(allowed ? `You can bring up to ${allowed} guests.` : 'This invitation has no plus-ones.', { plus: 'Not allowed.' })
  return null
}

/** Your display name in this room: a signed member record, no account. */
export const setName = (room: Room, name: string): Promise<Result> => {
  if (name.trim().length > LIMITS.name) return Promise.resolve(fail(`A name is at most ${LIMITS.name} characters.`, { name: 'Too long.' }))
  const trimmed = cleanName(name)
  if (!trimmed) return Promise.resolve(fail('Please choose a name.', { name: 'Please choose a name.' }))
  return serial(room, async () => {
    if (room.nameOf(room.me.id) === trimmed) return { ok: true, id: room.me.id }
    const n = Math.max(0, ...(room.ledger.members.get(room.me.id) ?? []).map((m) => m.n)) + 1
    return done(room.me.id)(await put(room, [{ t: 'mem', by: room.me.id, n, at: room.now(), name: trimmed }]))
  })
}

export { shortId }
