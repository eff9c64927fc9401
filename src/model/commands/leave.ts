import type { Room } from '../room.ts'
import { cancel, stepDown } from './commands.ts'
import type { Result } from './write.ts'

/** What a member hosts that is still going: leaving hands it over or releases it first. */
export const hostedBy = (room: Room) =>
  room.invitations()
    .filter((v) => v.hosts.includes(room.me.id) && v.status !== 'cancelled' && v.status !== 'closed')
    .map((v) => ({ id: v.id, title: v.content.title, shared: v.hosts.length > 1 }))

/**
 * Before a member leaves: where others host with them they step down; where they host alone the invitation is
 * cancelled, so nobody waits on a host who is gone. (To hand one over instead, they do that first.)
 */
export const releaseRoles = async (room: Room): Promise<Result[]> => {
  const out: Result[] = []
  for (const h of hostedBy(room)) out.push(await (h.shared ? stepDown(room, h.id) : cancel(room, h.id)))
  return out
}
