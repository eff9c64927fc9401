import { isMemberKey, type MemberId } from '../../identity/index.ts'
import { LIMITS, type ClaimRecord, type Unsigned } from '../records/index.ts'
import type { Room } from '../room.ts'
import { claimSeen, type InvitationView } from '../views/index.ts'
import { change } from './commands.ts'
import { done, fail, put, serial, type Result } from './write.ts'

/** The person's words on a need, from any of their devices: a new one numbers itself past them all. */
const mine = (room: Room, id: string, need: string): ClaimRecord[] =>
  [...(room.ledger.claims.get(id)?.values() ?? [])].filter((r) => r.need === need && room.personOf(r.by) === room.person())

const word = (room: Room, id: string, need: string, op: 'claim' | 'back'): Promise<Result> => serial(room, async () => {
  const s = room.state(id)
  if (!s) return fail({ code: 'not-here' })
  if (s.cancelled) return fail({ code: 'invitation-cancelled' })
  const view = room.needs(id).find((n) => n.id === need)
  if (!view) return fail({ code: 'need-gone' })
  const holding = [...view.claims, ...view.waiting].some((c) => c.member === room.person())
  if (op === 'claim' && holding) return fail({ code: 'claimed-already' })
  if (op === 'claim' && view.claims.length >= view.n) return fail({ code: 'need-filled' })
  if (op === 'back' && !holding) return fail({ code: 'not-claimed' })
  const records = room.ledger.claims.get(id)?.values() ?? []
  const n = Math.max(0, ...mine(room, id, need).map((r) => r.n)) + 1
  const after = op === 'claim' ? claimSeen(view, records) : undefined
  const body = { t: 'clm', id, need, n, op, by: room.me.id, at: room.now(), after } as Unsigned
  return done(id)(await put(room, [body]))
})

/** Step up: claim a need for yourself. Only for yourself, and only while it is still open. */
export const claim = (room: Room, id: string, need: string) => word(room, id, need, 'claim')
/** Hand a need you claimed back: it opens again for someone else. */
export const handBack = (room: Room, id: string, need: string) => word(room, id, need, 'back')

/** A host releases someone's claim (`ref`, see NeedView), and says why. */
export const release = (room: Room, id: string, ref: string, why: string): Promise<Result> => {
  if (!why.trim()) return Promise.resolve(fail({ code: 'give-why' }, { why: { code: 'reason-needed' } }))
  if (why.length > LIMITS.note) return Promise.resolve(fail({ code: 'at-most', what: 'note', max: LIMITS.note }, { why: { code: 'too-long' } }))
  return change(room, id, { op: 'release', c: ref, why: why.trim() })
}

/** A host asks a member to be their understudy: to take over when they step down. */
export const askUnderstudy = async (room: Room, id: string, m: MemberId) =>
  isMemberKey(m) ? change(room, id, { op: 'understudy', m }) : fail({ code: 'not-a-member-key' })

/** A host gives their role an end date (or none: 0); their device steps down then, to their understudy if they have one. */
export const hostUntil = (room: Room, id: string, end: number) => change(room, id, { op: 'until', end })

/**
 * The invitations whose end date for this member's host role has come: their device steps down, to their
 * understudy, who takes over at once. A host who is alone with no understudy stays: the app keeps asking them.
 */
export const stepDownWhenDue = async (room: Room, views: InvitationView[] = room.invitations()): Promise<string[]> => {
  const done: string[] = []
  for (const v of views) {
    const end = v.until.find((u) => u.member === room.me.id)?.end
    if (end === undefined || end > room.now() || !v.hosts.includes(room.me.id)) continue
    const to = v.understudies.find((u) => u.of === room.me.id)?.member
    if (!to && v.hosts.length < 2) continue
    const r = await change(room, v.id, { op: 'stepdown', to })
    if (r.ok) done.push(v.id)
  }
  return done
}
