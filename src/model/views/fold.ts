import type { MemberId } from '../../identity/index.ts'
import { isChained, type Content, type EventContent, type InviteRecord, type Kind } from '../records/index.ts'
import { backdated, givesUp } from './standing.ts'

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
  pending: { member: MemberId; by: MemberId; handoverFrom?: MemberId; understudy?: true }[]
  steppedDown: MemberId[]
  cohosted: MemberId[]
  cancelled: boolean
  atHome: boolean
  /** `seen`: every stance a close named (chained closes only); once closed, only they count */
  closed?: { outcome: string; review?: number; at: number; by: MemberId; seen?: string[] }
  /** made with hash chains: records from before them are no part of it */
  chained: boolean
  attended: MemberId[]
  /** comments a host has hidden from the invitation, by ref (see commentRef) */
  hidden: string[]
  /** members who agreed to be a host's understudy, and whose */
  understudies: { member: MemberId; of: MemberId }[]
  /** hosts whose role carries an end date */
  until: { member: MemberId; end: number }[]
  /** claims (by ref) a host released, with why */
  releases: { c: string; by: MemberId; why: string }[]
  /** the host role handed from one member to another */
  handovers: { from: MemberId; to: MemberId }[]
  /** once cancelled: the claims the cancel named, which alone still count */
  claimsSeen?: string[]
  /** versions that were signed by someone without the authority to make them */
  refused: number
  /** the version number the next change should carry */
  next: number
}

const NONE = Object.freeze([]) as unknown as never[]
const list = <T>(xs: T[]): T[] => (xs.length ? xs : NONE)

// a maker alone, as the hosts of most invitations: one list per member, not one per invitation
const makers = new Map<MemberId, MemberId[]>()
const hostsOf = (maker: MemberId): MemberId[] => {
  let hosts = makers.get(maker)
  if (!hosts) {
    if (makers.size > 4096) makers.clear()
    makers.set(maker, (hosts = Object.freeze([maker]) as MemberId[]))
  }
  return hosts
}

const order = (a: InviteRecord, b: InviteRecord) =>
  a.v - b.v || (a.by < b.by ? -1 : a.by > b.by ? 1 : 0) || (a.seq ?? 0) - (b.seq ?? 0) || (a.sig < b.sig ? -1 : a.sig > b.sig ? 1 : 0)

export interface FoldOptions {
  /** records their author's own chain disowns (see chain.ts) */
  contested?: (r: InviteRecord) => boolean
  /** the person a device belongs to: roles are a person's, whichever of their devices signs */
  personOf?: (device: MemberId) => MemberId
}

const NOBODY = () => false

/**
 * Applies an invitation's versions in one order that every peer shares (version, then signer).
 * Each version counts only if it had authority at that point: hosts change the invitation,
 * an invited co-host answers only their own invitation; a version that skips numbers never counts.
 * Returns null until a valid "create" is known.
 */
const made = (create: InviteRecord & { op: 'create' }, chained: boolean, maker: MemberId, hosts: MemberId[] = NONE): InviteState => ({
  id: create.id, kind: create.kind, content: create.c, maker, createdAt: create.at, updatedAt: create.at,
  version: 1, hosts, pending: NONE, steppedDown: NONE, cohosted: NONE, cancelled: false, atHome: false,
  attended: NONE, hidden: NONE, refused: 0, next: 2, chained, understudies: NONE, until: NONE, releases: NONE, handovers: NONE,
})

export const foldInvite = (records: Iterable<InviteRecord>, opts: FoldOptions = {}): InviteState | null => {
  const contested = opts.contested ?? NOBODY
  const who = opts.personOf ?? ((m: MemberId) => m)
  const ops = [...records].sort(order)
  const create = ops.find((r) => r.op === 'create' && !contested(r))
  if (!create || create.op !== 'create') return null
  // a chained invitation's id says so (see ids.ts): records from before chains can't be part of it
  const chained = isChained(create)
  // most invitations are a "create" alone: nothing to fold
  const maker = who(create.by)
  if (ops.length === 1) return made(create, chained, maker, hostsOf(maker))
  const late = backdated(chained ? ops.filter(isChained) : ops, contested, create)
  // members who gave up the role, with where in their chain they did: what they sign later is not a host's
  const gaveUp = new Map<MemberId, number>()
  const hosts = new Set<MemberId>([maker])
  const pending = new Map<MemberId, { by: MemberId; handoverFrom?: MemberId; understudy?: true }>()
  const understudies = new Map<MemberId, MemberId>()
  const until = new Map<MemberId, number>()
  const releases: InviteState['releases'] = []
  const handovers: InviteState['handovers'] = []
  let claimsSeen: Set<string> | undefined
  const steppedDown = new Set<MemberId>()
  const cohosted = new Set<MemberId>()
  const attended = new Set<MemberId>()
  const hidden = new Set<string>()
  const s = made(create, chained, maker)
  const seen = new Set<string>()
  // Versions climb one at a time, and only records of members the invitation has made (or asked to be) hosts
  // move the numbering: a guest's refused version can't take the number the host will need next.
  let ceiling = 1
  const known = new Set<MemberId>([maker])
  const addHost = (m: MemberId) => {
    gaveUp.delete(m)
    if (hosts.has(m)) return
    hosts.add(m)
    known.add(m)
    if (m !== s.maker) cohosted.add(m)
  }
  const offer = (m: MemberId, p: { by: MemberId; handoverFrom?: MemberId; understudy?: true }) => {
    pending.set(m, p)
    known.add(m)
  }
  const stepDown = (m: MemberId) => {
    hosts.delete(m)
    steppedDown.add(m)
  }
  // where in a co-host's chain their role begins (their accept): nothing placed before it is a host's
  // (for the maker it is the create, which standing.ts already holds to)
  const since = new Map<MemberId, number>()
  const stands = (r: InviteRecord) =>
    !(chained && !isChained(r)) && !(contested(r) && !givesUp(r)) && !late.has(r) && r.v <= ceiling + 1
  for (const r of ops) {
    if (r === create) continue
    if (!stands(r)) { s.refused++; continue }
    // what the fold calls by is the signer's person; a named member is resolved too
    const by = who(r.by)
    const gave = gaveUp.get(by)
    const isHost = hosts.has(by) && !(gave !== undefined && (r.seq ?? 0) > gave && !givesUp(r)) && !((r.seq ?? 0) < (since.get(by) ?? 0))
    let ok = isHost
    switch (r.op) {
      case 'create': ok = false; break
      case 'edit': if ((ok = isHost && r.kind === s.kind)) s.content = r.c; break
      case 'cancel':
        if (!ok) break
        s.cancelled = true
        claimsSeen ??= new Set()
        r.seen?.forEach((ref) => claimsSeen!.add(ref))
        break
      case 'release': if (ok) releases.push({ c: r.c, by, why: r.why }); break
      case 'understudy': if ((ok = isHost && !hosts.has(who(r.m)))) offer(who(r.m), { by, understudy: true }); break
      case 'until': if (ok) r.end ? until.set(by, r.end) : until.delete(by); break
      case 'cohost': if ((ok = isHost && !hosts.has(who(r.m)))) offer(who(r.m), { by }); break
      case 'stepdown': {
        if (!(ok = hosts.has(by))) break
        const to = r.to && who(r.to)
        // an understudy who agreed takes over at once: that is what they agreed to
        if (to && understudies.get(to) === by && !hosts.has(to)) {
          understudies.delete(to)
          addHost(to)
          if (chained) since.set(to, r.seq ?? 0)
          stepDown(by)
          handovers.push({ from: by, to })
          gaveUp.set(by, r.seq ?? 0)
          break
        }
        if (to && to !== by && !hosts.has(to)) offer(to, { by, handoverFrom: by })
        else if ((ok = hosts.size > 1)) stepDown(by)
        if (ok) gaveUp.set(by, r.seq ?? 0)
        break
      }
      case 'accept': {
        const invite = pending.get(by)
        if (!(ok = !!invite)) break
        pending.delete(by)
        if (invite!.understudy) { understudies.set(by, invite!.by); break }
        addHost(by)
        if (invite!.handoverFrom && hosts.has(invite!.handoverFrom)) handovers.push({ from: invite!.handoverFrom, to: by })
        if (chained) since.set(by, r.seq ?? 0)
        if (invite!.handoverFrom && hosts.has(invite!.handoverFrom)) stepDown(invite!.handoverFrom)
        break
      }
      case 'decline': {
        const invite = pending.get(by)
        if (!(ok = pending.delete(by))) break
        // a refused hand-over leaves its host a host: what they sign from now on counts again
        if (invite!.handoverFrom && hosts.has(invite!.handoverFrom)) gaveUp.delete(invite!.handoverFrom)
        break
      }
      case 'home': if (ok) { s.atHome = true; r.ms.forEach((m) => addHost(who(m))) } break
      case 'close':
        if (!ok) break
        r.seen?.forEach((ref) => seen.add(ref))
        // every close of a chained invitation names what it saw; closing again can add to that, never take away
        s.closed = { outcome: r.outcome, review: r.review, at: r.at, by, seen: chained ? [...seen] : undefined }
        break
      // who came is told once the event has begun (as the host claims), and never by a host about themselves
      case 'attended':
        if ((ok = isHost && s.kind === 'event' && r.at >= (s.content as EventContent).start && !r.ms.some((m) => who(m) === by)))
          r.ms.forEach((m) => attended.add(who(m)))
        break
      case 'hide': if (ok) hidden.add(r.c); break
      case 'unhide': if (ok) hidden.delete(r.c); break
    }
    if (known.has(by)) ceiling = Math.max(ceiling, r.v)
    if (!ok) { s.refused++; continue }
    s.version = r.v
    s.updatedAt = Math.max(s.updatedAt, r.at)
  }
  s.hosts = [...hosts]
  s.pending = list([...pending].map(([member, p]) => ({ member, ...p })))
  s.steppedDown = list([...steppedDown].filter((m) => !hosts.has(m)))
  s.cohosted = list([...cohosted])
  s.attended = list([...attended])
  s.hidden = list([...hidden])
  // an understudy stands in for a host who still is one
  s.understudies = list([...understudies].filter(([m, of]) => hosts.has(of) && !hosts.has(m)).map(([member, of]) => ({ member, of })))
  s.until = list([...until].filter(([m]) => hosts.has(m)).map(([member, end]) => ({ member, end })))
  s.releases = list(releases)
  s.handovers = list(handovers)
  s.claimsSeen = claimsSeen && [...claimsSeen]
  s.next = ceiling + 1
  return s
}
