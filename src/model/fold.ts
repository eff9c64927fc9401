import type { MemberId } from '../identity/index.ts'
import type { Content, InviteRecord, Kind } from './records.ts'

/** An invitation as its signed versions make it, before anyone's answers are counted. */
export interface InviteState {
  id: string
  kind: Kind
  content: Content
  maker: MemberId
  createdAt: number
  updatedAt: number
  version: number
  hosts: MemberId[]
  /** invited co-hosts who have not answered yet, with the host they would take over from, if any */
  pending: { member: MemberId; by: MemberId; handoverFrom?: MemberId }[]
  steppedDown: MemberId[]
  cohosted: MemberId[]
  cancelled: boolean
  atHome: boolean
  closed?: { outcome: string; review?: number; at: number; by: MemberId }
  attended: MemberId[]
  /** versions that were signed by someone without the authority to make them */
  refused: number
  /** the version number the next change should carry */
  next: number
}

const NONE = Object.freeze([]) as unknown as never[]
const list = <T>(xs: T[]): T[] => (xs.length ? xs : NONE)

const order = (a: InviteRecord, b: InviteRecord) => a.v - b.v || (a.by < b.by ? -1 : a.by > b.by ? 1 : 0)

/**
 * Applies an invitation's versions in one order that every peer shares (version, then signer).
 * Each version counts only if it had authority at that point: hosts change the invitation,
 * an invited co-host answers only their own invitation; a version that skips numbers never counts.
 * Returns null until a valid "create" is known.
 */
export const foldInvite = (records: Iterable<InviteRecord>): InviteState | null => {
  const ops = [...records].sort(order)
  const create = ops.find((r) => r.op === 'create')
  if (!create || create.op !== 'create') return null
  const hosts = new Set<MemberId>([create.by])
  const pending = new Map<MemberId, { by: MemberId; handoverFrom?: MemberId }>()
  const steppedDown = new Set<MemberId>()
  const cohosted = new Set<MemberId>()
  const attended = new Set<MemberId>()
  const s: InviteState = {
    id: create.id, kind: create.kind, content: create.c, maker: create.by, createdAt: create.at, updatedAt: create.at,
    version: 1, hosts: [], pending: [], steppedDown: [], cohosted: [], cancelled: false, atHome: false, attended: [], refused: 0, next: 2,
  }
  // Versions climb one at a time, and only records of members the invitation has made (or asked to be) hosts
  // move the numbering: a guest's refused version can't take the number the host will need next.
  let ceiling = 1
  const known = new Set<MemberId>([create.by])
  const addHost = (m: MemberId) => {
    if (hosts.has(m)) return
    hosts.add(m)
    known.add(m)
    if (m !== s.maker) cohosted.add(m)
  }
  const offer = (m: MemberId, p: { by: MemberId; handoverFrom?: MemberId }) => {
    pending.set(m, p)
    known.add(m)
  }
  const stepDown = (m: MemberId) => {
    hosts.delete(m)
    steppedDown.add(m)
  }
  for (const r of ops) {
    if (r === create) continue
    if (r.v > ceiling + 1) { s.refused++; continue }
    const isHost = hosts.has(r.by)
    let ok = isHost
    switch (r.op) {
      case 'create': ok = false; break
      case 'edit': if ((ok = isHost && r.kind === s.kind)) s.content = r.c; break
      case 'cancel': if (ok) s.cancelled = true; break
      case 'cohost': if ((ok = isHost && !hosts.has(r.m))) offer(r.m, { by: r.by }); break
      case 'stepdown':
        if (!ok) break
        if (r.to && r.to !== r.by && !hosts.has(r.to)) offer(r.to, { by: r.by, handoverFrom: r.by })
        else if ((ok = hosts.size > 1)) stepDown(r.by)
        break
      case 'accept': {
        const invite = pending.get(r.by)
        if (!(ok = !!invite)) break
        pending.delete(r.by)
        addHost(r.by)
        if (invite!.handoverFrom && hosts.has(invite!.handoverFrom)) stepDown(invite!.handoverFrom)
        break
      }
      case 'decline': ok = pending.delete(r.by); break
      case 'home': if (ok) { s.atHome = true; r.ms.forEach(addHost) } break
      case 'close': if (ok) s.closed = { outcome: r.outcome, review: r.review, at: r.at, by: r.by }; break
      case 'attended': if (ok) r.ms.forEach((m) => attended.add(m)); break
    }
    if (known.has(r.by)) ceiling = Math.max(ceiling, r.v)
    if (!ok) { s.refused++; continue }
    s.version = r.v
    s.updatedAt = Math.max(s.updatedAt, r.at)
  }
  s.hosts = [...hosts]
  s.pending = list([...pending].map(([member, p]) => ({ member, ...p })))
  s.steppedDown = list([...steppedDown].filter((m) => !hosts.has(m)))
  s.cohosted = list([...cohosted])
  s.attended = list([...attended])
  s.next = ceiling + 1
  return s
}
