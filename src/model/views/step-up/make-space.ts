import type { MemberId } from '../../../identity/index.ts'
import type { InvitationView } from '../invitation.ts'
import type { NeedView } from './needs.ts'

const DAY = 86_400_000
/** "The last three months" */
export const MAKE_SPACE_DAYS = 90
/** below this many invitations, "more than a third" says nothing about a room */
const FEW = 3

/** How hosting is spread in a room lately: for awareness and an invitation to share it, never a score. */
export interface MakeSpace {
  since: number
  /** invitations made since then */
  invitations: number
  /** the different people who hosted or co-hosted them */
  hosts: MemberId[]
  /** of those, people hosting for the first time in this room */
  firstTime: MemberId[]
  /** someone hosting more than a third of them, with how many */
  concentrated: { member: MemberId; count: number }[]
  /** members who stepped up for needs and have never hosted: people to invite to co-host */
  invite: MemberId[]
}

const hostsOf = (v: InvitationView): Set<MemberId> => new Set([v.maker, ...v.cohosted, ...v.hosts])

/** One pass over the room's invitations (and the needs of those that have any). */
export const makeSpace = (views: Iterable<InvitationView>, now: number, needsOf?: (id: string) => NeedView[]): MakeSpace => {
  const since = now - MAKE_SPACE_DAYS * DAY
  const first = new Map<MemberId, number>()
  const recent = new Map<MemberId, number>()
  const stepped = new Set<MemberId>()
  let invitations = 0
  for (const v of views) {
    const hosts = hostsOf(v)
    for (const m of hosts) first.set(m, Math.min(first.get(m) ?? Infinity, v.createdAt))
    if (v.createdAt >= since && v.createdAt <= now) {
      invitations++
      for (const m of hosts) recent.set(m, (recent.get(m) ?? 0) + 1)
    }
    for (const need of needsOf?.(v.id) ?? []) for (const c of need.claims) stepped.add(c.member)
  }
  const hosts = [...recent.keys()]
  return {
    since,
    invitations,
    hosts,
    firstTime: hosts.filter((m) => first.get(m)! >= since),
    concentrated: invitations < FEW ? [] : [...recent].filter(([, n]) => n * 3 > invitations).map(([member, count]) => ({ member, count })),
    invite: [...stepped].filter((m) => !first.has(m)),
  }
}
