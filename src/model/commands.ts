import { isMemberKey, sign, type MemberId } from '../identity/index.ts'
import { contentErrors, type FieldErrors } from './content.ts'
import { foldInvite } from './fold.ts'
import { inviteId, newNonce } from './ids.ts'
import { LIMITS, STANCES, canonical, recordKey, type Answer, type Content, type HearthRecord, type InviteOp, type InviteRecord, type Kind, type ResponseRecord, type Stance, type Unsigned } from './records.ts'
import type { Room } from './room.ts'
import { queueHeads } from './queue.ts'
import { latestReplies } from './replies.ts'
import { checkShape } from './shape.ts'
import { cleanName, shortId } from './people.ts'

export type Result = { ok: true; id: string } | { ok: false; error: string; fields?: FieldErrors }

const fail = (error: string, fields?: FieldErrors): Result => ({ ok: false, error, fields })

const clean = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T

const signed = async (room: Room, unsigned: Unsigned): Promise<HearthRecord> => {
  const body = clean(unsigned) as HearthRecord
  return { ...body, sig: await sign(room.me, canonical(body)) } as HearthRecord
}

const OUT_OF_BOUNDS = 'This can’t be saved: it is outside what a room holds (too many changes, or too large).'
const NOT_A_KEY = 'That is not a member’s key.'

/** Every peer would refuse a record of the wrong shape, so this device must not show it either. */
const put = async (room: Room, unsigned: Unsigned): Promise<Result | null> => {
  const record = await signed(room, unsigned)
  const key = recordKey(record)
  if (!checkShape(key, record)) return fail(OUT_OF_BOUNDS)
  room.ledger.write([[key, record]])
  return null
}

/** Make an invitation; the maker is its first host. */
export const invite = async (room: Room, kind: Kind, content: Content): Promise<Result> => {
  const fields = contentErrors(kind, content)
  if (Object.keys(fields).length) return fail('Some fields need another look.', fields)
  const nonce = newNonce()
  const id = inviteId(room.me.id, nonce)
  return (await put(room, { t: 'inv', id, v: 1, by: room.me.id, at: room.now(), op: 'create', kind, nonce, c: clean(content) })) ?? { ok: true, id }
}

/** Many invitations at once, in one transaction: for imports, and for seeding large rooms in tests and the bench. */
export const inviteMany = async (room: Room, items: { kind: Kind; content: Content }[]): Promise<Result> => {
  const bad = items.findIndex((i) => Object.keys(contentErrors(i.kind, i.content)).length)
  if (bad >= 0) return fail(`Invitation ${bad + 1} needs another look.`, contentErrors(items[bad].kind, items[bad].content))
  const records = await Promise.all(items.map(({ kind, content }) => {
    const nonce = newNonce()
    return signed(room, { t: 'inv', id: inviteId(room.me.id, nonce), v: 1, by: room.me.id, at: room.now(), op: 'create', kind, nonce, c: clean(content) })
  }))
  const entries = records.map((r): [string, HearthRecord] => [recordKey(r), r])
  if (entries.some(([key, r]) => !checkShape(key, r))) return fail('Some invitations could not be saved.')
  room.ledger.write(entries)
  return { ok: true, id: records[0]?.t === 'inv' ? records[0].id : '' }
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
  attended: 'Only a host can record who came.',
}

/** Signs one more version of an invitation, if the fold would count it. */
const change = async (room: Room, id: string, op: InviteOp): Promise<Result> => {
  const existing = [...(room.ledger.invites.get(id)?.values() ?? [])]
  const before = foldInvite(existing)
  if (!before) return fail('This invitation is not here (yet).')
  if (op.op !== 'accept' && op.op !== 'decline' && !before.hosts.includes(room.me.id)) return fail(REFUSED[op.op])
  const record = { t: 'inv', id, v: before.next, by: room.me.id, at: room.now(), ...op } as InviteRecord
  const after = foldInvite([...existing, { ...record, sig: '' }])
  if (!after || after.refused > before.refused || after.version < record.v) return fail(REFUSED[op.op])
  return (await put(room, record)) ?? { ok: true, id }
}

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

/** Every guest who said yes becomes a co-host: the host/guest line dissolves. */
export const makeYourselfAtHome = (room: Room, id: string) => {
  const v = room.invitation(id)
  const ms = v ? [...v.going, ...v.waitlist].map((r) => r.member).filter((m) => !v.hosts.includes(m)) : []
  return change(room, id, { op: 'home', ms })
}

export const close = (room: Room, id: string, outcome: string, review?: number) => {
  if (!outcome.trim()) return Promise.resolve(fail('Please write the outcome, so everyone knows what was decided.', { outcome: 'Needed.' }))
  if (outcome.length > LIMITS.text) return Promise.resolve(fail(`The outcome is at most ${LIMITS.text} characters.`, { outcome: 'Too long.' }))
  return change(room, id, { op: 'close', outcome, review })
}

const isStance = (a: string) => STANCES.includes(a as Stance)
const headsOf = (records: ResponseRecord[]) => queueHeads([...latestReplies(records, 0, 0).runs.values()])

export interface Reply {
  answer: Answer | Stance
  plus?: number
  note?: string
}

/** Answer for yourself. Changing your mind is one more signed version; a no costs nothing. */
export const respond = async (room: Room, id: string, reply: Reply): Promise<Result> => {
  const s = room.state(id)
  if (!s) return fail('This invitation is not here (yet).')
  if ((s.kind === 'proposal') !== isStance(reply.answer)) return fail(s.kind === 'proposal' ? 'Choose agree, abstain, object or block.' : 'Choose yes, maybe or no.')
  const note = reply.note?.trim() || undefined
  if ((reply.answer === 'object' || reply.answer === 'block') && !note)
    return fail('Please give your reason: the group needs it to work with your concern.', { note: 'A reason is needed.' })
  if (note && note.length > LIMITS.note) return fail(`A note is at most ${LIMITS.note} characters.`, { note: 'Too long.' })
  const allowed = s.kind === 'event' && 'plusOnes' in s.content ? s.content.plusOnes : 0
  const plus = reply.plus || undefined
  if (plus !== undefined && (!Number.isInteger(plus) || plus < 0 || plus > allowed))
    return fail(allowed ? `You can bring up to ${allowed} guests.` : 'This invitation has no plus-ones.', { plus: 'Not allowed.' })
  const all = [...(room.ledger.responses.get(id)?.values() ?? [])]
  const mine = all.filter((r) => r.by === room.me.id)
  const last = mine.reduce<ResponseRecord | undefined>((a, r) => (!a || r.n > a.n ? r : a), undefined)
  const n = (last?.n ?? 0) + 1
  // a new run of yes names the queue it joins, which is what gives it its place
  const after = reply.answer === 'yes' && last?.a !== 'yes' ? headsOf(all.filter((r) => isStance(r.a) === (s.kind === 'proposal'))) : undefined
  return (await put(room, { t: 'res', id, n, by: room.me.id, at: room.now(), a: reply.answer, plus, note, after })) ?? { ok: true, id }
}

/** Your display name in this room: a signed member record, no account. */
export const setName = async (room: Room, name: string): Promise<Result> => {
  if (name.trim().length > LIMITS.name) return fail(`A name is at most ${LIMITS.name} characters.`, { name: 'Too long.' })
  const trimmed = cleanName(name)
  if (!trimmed) return fail('Please choose a name.', { name: 'Please choose a name.' })
  if (room.nameOf(room.me.id) === trimmed) return { ok: true, id: room.me.id }
  const n = Math.max(0, ...(room.ledger.members.get(room.me.id) ?? []).map((m) => m.n)) + 1
  return (await put(room, { t: 'mem', by: room.me.id, n, at: room.now(), name: trimmed })) ?? { ok: true, id: room.me.id }
}

export { shortId }
