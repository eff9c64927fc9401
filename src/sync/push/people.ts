import type { Room } from '../../model/index.ts'
import type { PushRoom } from './kept.ts'

/**
 * Who may sign a room's notes, for the service worker, which has no document: each device that counts for its person
 * (revoked ones left out), and each person's name as this device shows it (with a fingerprint where names look alike).
 */
export const peopleOf = (room: Room): Pick<PushRoom, 'people' | 'names' | 'self'> => {
  const people: Record<string, string> = {}
  const names: Record<string, string> = {}
  for (const m of room.members()) {
    names[m.id] = m.lookAlike ? `${m.name} (${m.fingerprint})` : m.name
    for (const d of room.devicesOf(m.id)) if (!d.revoked) people[d.device] = m.id
  }
  return { people, names, self: room.person() }
}

const same = (a: object | undefined, b: object | undefined) => JSON.stringify(a) === JSON.stringify(b)
export const samePeople = (r: PushRoom, p: ReturnType<typeof peopleOf>) => same(r.people, p.people) && same(r.names, p.names) && r.self === p.self
