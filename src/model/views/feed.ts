import type { Change } from '../ledger/index.ts'
import type { InvitationView } from './invitation.ts'

/** What a feed reads from a room (a Room is one): its invitations, and word of which ones changed. */
export interface FeedSource {
  invitation: (id: string) => InvitationView | null
  invitations: () => InvitationView[]
  onChange: (listener: (c: Change) => void) => () => void
}

export const newestFirst = (a: InvitationView, b: InvitationView) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1)

/**
 * A room's invitations, newest first, kept up to date by recomputing only those that changed:
 * a room of 100,000 that arrives in batches is not re-derived whole for every batch.
 */
export const createFeed = (room: FeedSource) => {
  const dirty = new Set<string>()
  let list: InvitationView[] = []
  let all = true
  const off = room.onChange((c) => c.invites.forEach((id) => dirty.add(id)))
  return {
    /** statuses depend on the clock (an event ends, a proposal closes): recompute everything now and then */
    refreshAll: () => { all = true },
    list(): InvitationView[] {
      if (all) {
        all = false
        dirty.clear()
        return (list = room.invitations())
      }
      if (!dirty.size) return list
      // no index of the list by id (one for 10,000 invitations weighed a few hundred KB): one pass finds the changed
      const changed = new Map<string, InvitationView>()
      // an invitation the room no longer counts (its chain forked, over quota, barred) leaves the list
      const gone = new Set<string>()
      for (const id of dirty) {
        const v = room.invitation(id)
        if (v) changed.set(id, v)
        else gone.add(id)
      }
      dirty.clear()
      const kept = gone.size ? list.filter((v) => !gone.has(v.id)) : list
      const updated = kept.map((v) => {
        const now = changed.get(v.id)
        if (now === undefined) return v
        changed.delete(v.id)
        return now
      })
      // what is left was not in the list: new invitations
      list = changed.size ? merge(updated, [...changed.values()].sort(newestFirst)) : updated
      return list
    },
    destroy: off,
  }
}

const merge = (a: InvitationView[], b: InvitationView[]) => {
  const out: InvitationView[] = new Array(a.length + b.length)
  let i = 0
  let j = 0
  let k = 0
  while (i < a.length && j < b.length) out[k++] = newestFirst(a[i], b[j]) <= 0 ? a[i++] : b[j++]
  while (i < a.length) out[k++] = a[i++]
  while (j < b.length) out[k++] = b[j++]
  return out
}
