import type { EventContent, InvitationView } from '../../../model/index.ts'

/** Where an invitation sits on the room screen: what is ahead first, what is over last. */
export type SectionId = 'upcoming' | 'projects' | 'proposals' | 'past'

/** In the order they are shown; each one's heading is `sections.<id>` in the catalogue. */
export const SECTIONS: SectionId[] = ['upcoming', 'projects', 'proposals', 'past']

const sectionOf = (v: InvitationView): SectionId => {
  if (v.status === 'cancelled' || v.status === 'closed') return 'past'
  return v.kind === 'event' ? 'upcoming' : v.kind === 'project' ? 'projects' : 'proposals'
}

/** When it was over: an event's end, a proposal's close, else its last change. */
const endedAt = (v: InvitationView): number =>
  v.closed?.at ?? (v.cancelled ? v.updatedAt : v.kind === 'event' ? (v.content as EventContent).end : v.closesAt ?? v.updatedAt)

const KEY: Record<SectionId, (v: InvitationView) => number> = {
  // soonest first
  upcoming: (v) => (v.content as EventContent).start,
  // newest first
  projects: (v) => -v.createdAt,
  // closing soonest first
  proposals: (v) => v.closesAt ?? 0,
  // most recently over first
  past: (v) => -endedAt(v),
}

// an invitation is its own row: a wrapper object for each of 10,000 rows weighed for nothing
export type Row = { head: SectionId; count: number } | InvitationView

/**
 * The room's invitations as one list of rows, section headings among them, so a single virtual list
 * can show 100,000 of them. Each section is sorted on a precomputed key: one pass, no re-derivation.
 */
export const sectionRows = (views: readonly InvitationView[]): Row[] => {
  const groups: Record<SectionId, { key: number; view: InvitationView }[]> = { upcoming: [], projects: [], proposals: [], past: [] }
  for (const view of views) {
    const id = sectionOf(view)
    groups[id].push({ key: KEY[id](view), view })
  }
  const rows: Row[] = []
  for (const id of SECTIONS) {
    const g = groups[id]
    if (!g.length) continue
    g.sort((a, b) => a.key - b.key || (a.view.id < b.view.id ? -1 : 1))
    rows.push({ head: id, count: g.length })
    for (const x of g) rows.push(x.view)
  }
  return rows
}
