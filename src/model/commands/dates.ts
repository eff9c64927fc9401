import type { EventContent, Exception } from '../records/index.ts'
import type { Room } from '../room.ts'
import { edit } from './commands.ts'
import { fail, type Result } from './write.ts'

/**
 * A host cancels, moves or relocates one date of a repeating event (`change`), or puts it back as the series has it
 * (null). It is one more signed version of the invitation, so only a host's counts.
 */
export const changeDate = (room: Room, id: string, at: number, change: Omit<Exception, 'at'> | null): Promise<Result> => {
  const s = room.state(id)
  if (!s || s.kind !== 'event') return Promise.resolve(fail({ code: 'not-here' }))
  const e = s.content as EventContent
  const rest = (e.except ?? []).filter((x) => x.at !== at)
  const except = change ? [...rest, { at, ...change }].sort((a, b) => a.at - b.at) : rest
  return edit(room, id, { ...e, except: except.length ? except : undefined })
}
