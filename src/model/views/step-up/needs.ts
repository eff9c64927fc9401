import type { MemberId } from '../../../identity/index.ts'
import { isChained, needsOf, refOf, type ClaimRecord, type ResponseRecord } from '../../records/index.ts'
import type { InviteState } from '../fold.ts'
import { orderQueue, type Run } from '../queue.ts'

/** A claim that counts: who stepped up, and how a host's release names it. */
export interface ClaimView { member: MemberId; ref: string; at: number }

/** One need of an invitation, with the claims that count, in the order they came. */
export interface NeedView {
  id: string
  what: string
  n: number
  claims: ClaimView[]
  /** claims no one can tell apart in time from those that count, past the number: they move up when one is handed back */
  waiting: ClaimView[]
  /** claims a host released, and why */
  released: { member: MemberId; by: MemberId; why: string }[]
}

/** How a claim names the claims it saw (as a yes names the queue it joins): the start of their signatures. */
export const seenRef = (r: ClaimRecord): string => r.sig.slice(0, 8)

// a person's words from several devices: each numbers itself past the person's latest it saw (`n`), as answers do;
// their devices' `seq` are separate counters (and follow each device's clock), so they order only one device's words
const later = (a: ClaimRecord, b: ClaimRecord) => a.n - b.n || a.seq! - b.seq! || (a.sig < b.sig ? -1 : a.sig > b.sig ? 1 : 0)

/**
 * Which claims count, the same on every phone whatever the order of arrival:
 * - a person's latest word on a need (by the number each word gives itself past the last it saw) is their standing:
 *   claimed, or handed back;
 * - a claim counts only on a need the invitation asks for now, and, once cancelled, only if the cancel named it;
 * - a claim a host released counts no more (the member may claim again: a new claim);
 * - a claim that names as many claims as the need asks for was made once it was filled: it never counts;
 * - the rest line up as the yes queue does (queue.ts): what others saw and built on comes first,
 *   and a fixed lottery orders what nobody can tell apart. The first `n` count.
 * Linear in the invitation's claims (plus the queue's order of the few that stand).
 */
export const needsView = (
  s: InviteState, records: Iterable<ClaimRecord>, contested: (r: ClaimRecord) => boolean = () => false, who: (device: string) => string = (m) => m,
): NeedView[] => {
  const needs = needsOf(s.content)
  if (!needs.length) return []
  const released = new Map(s.releases.map((x) => [x.c, x]))
  const seen = s.cancelled ? new Set(s.claimsSeen ?? []) : undefined
  const latest = new Map<string, ClaimRecord>()
  const starts = new Map<string, ClaimRecord[]>()
  const asked = new Set(needs.map((n) => n.id))
  for (const r of records) {
    if (!asked.has(r.need) || !isChained(r) || contested(r)) continue
    // a person's word from any of their devices: one standing per person
    const key = `${r.need}/${who(r.by)}`
    const was = latest.get(key)
    if (!was || later(r, was) > 0) latest.set(key, r)
    if (r.op === 'claim') (starts.get(r.need) ?? starts.set(r.need, []).get(r.need)!).push(r)
  }
  return needs.map((need) => {
    const all = starts.get(need.id) ?? []
    const byRef = new Map(all.map((r) => [seenRef(r), r]))
    const out: NeedView = { id: need.id, what: need.what, n: need.n, claims: [], waiting: [], released: [] }
    const runs: Run[] = []
    for (const r of all) {
      const member = who(r.by)
      if (latest.get(`${r.need}/${member}`) !== r) continue
      const rel = released.get(refOf(r))
      if (rel) { out.released.push({ member, by: rel.by, why: rel.why }); continue }
      if (seen && !seen.has(refOf(r))) continue
      const saw = new Set(r.after?.filter((ref) => { const b = byRef.get(ref)?.by; return b === undefined || who(b) !== member }))
      if (saw.size >= need.n) continue
      runs.push({ member, start: r as unknown as ResponseRecord })
    }
    const ordered = orderQueue(`${s.id}/${need.id}`, runs, all as unknown as ResponseRecord[])
    ordered.forEach((run, i) => {
      const c = run.start as unknown as ClaimRecord
      ;(i < need.n ? out.claims : out.waiting).push({ member: run.member, ref: refOf(c), at: c.at })
    })
    return out
  })
}

/** What a new claim names: every claim that counts or waits on the need now. */
export const claimSeen = (view: NeedView, records: Iterable<ClaimRecord>): string[] => {
  const standing = new Set([...view.claims, ...view.waiting].map((c) => c.ref))
  return [...records].filter((r) => r.need === view.id && r.op === 'claim' && standing.has(refOf(r))).map(seenRef)
}
