import type { MemberId } from '../../identity/index.ts'

/**
 * A re-key, written in the old room once a removal passed: it names the removal, the member it removes, the new
 * room's id, and seals the new room's secret to each remaining member (`boxes`: "member:box", see crypto/lockbox.ts).
 * `cut` is the highest seq of the removed member's chain the re-keyer held: in the new room, their records past it
 * don't count; `cuts` ("device:seq") the same for the removed person's other devices (any device of theirs it doesn't
 * name counts for nothing there). Key: `k/<by>/<removal>/<sig>`.
 */
export interface RekeyRecord {
  t: 'rekey'
  by: MemberId
  at: number
  seq?: number
  prev?: string
  sig: string
  /** the old room's id: where this re-key was written, so carried into the new room it moves nothing */
  from: string
  removal: string
  gone: MemberId
  cut: number
  cuts?: string[]
  room: string
  e: string
  boxes: string[]
}

/** What a lockbox is bound to: the new room, the removal that let it be made, and whose box it is. */
export const boxContext = (r: Pick<RekeyRecord, 'from' | 'room' | 'removal'>, member: MemberId) => `hearth/rekey/${r.from}/${r.room}/${r.removal}/${member}`

/** The box a re-key sealed to `member`, if any. */
export const boxFor = (r: RekeyRecord, member: MemberId): string | undefined => {
  const prefix = `${member}:`
  return r.boxes.find((b) => b.startsWith(prefix))?.slice(prefix.length)
}
