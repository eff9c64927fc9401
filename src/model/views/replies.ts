import type { MemberId } from '../../identity/index.ts'
import { plausible, shown, type Answer, type ResponseRecord, type Stance } from '../records/index.ts'
import type { Run } from './queue.ts'

export interface Reply {
  member: MemberId
  answer: Answer | Stance
  plus: number
  note?: string
  /** when they answered, as they claim it, shown within what could be true */
  at: number
  /** when this member's current run of "yes" began, as claimed: shown, not used for their place */
  since: number
  /** a claimed time was before the invitation existed or ahead of this device's clock */
  timeLooksWrong: boolean
}

export interface Replies {
  replies: Reply[]
  /** members whose latest answer is yes, with the record their run of yes began with */
  runs: Map<MemberId, Run>
  /** every run of yes ever begun, ended ones too: what they saw still orders the others */
  starts: ResponseRecord[]
  /** each member's latest answer, as signed */
  latest: ResponseRecord[]
}

// the newest answer in the order its author signed them: records from before chains come first
const bySigning = (a: ResponseRecord, b: ResponseRecord) => (a.seq ?? 0) - (b.seq ?? 0) || a.n - b.n || (a.sig < b.sig ? -1 : 1)

// a person's answers from several devices: each answer numbers itself past the person's latest it saw
const byNumber = (a: ResponseRecord, b: ResponseRecord) => a.n - b.n || (a.seq ?? 0) - (b.seq ?? 0) || (a.sig < b.sig ? -1 : 1)

/**
 * Each person's latest answer, from all the versions their devices signed (`personOf` resolves a device);
 * times shown within [floor, now + skew].
 */
export const latestReplies = (records: Iterable<ResponseRecord>, now: number, floor: number, personOf?: (d: MemberId) => MemberId): Replies => {
  const byMember = new Map<MemberId, ResponseRecord[]>()
  let shared = false
  for (const r of records) {
    const who = personOf ? personOf(r.by) : r.by
    const list = byMember.get(who)
    if (list) list.push(r), (shared ||= who !== r.by || list[0].by !== r.by)
    else byMember.set(who, [r])
  }
  const out: Replies = { replies: [], runs: new Map(), starts: [], latest: [] }
  for (const [member, list] of byMember) {
    list.sort(shared && list.some((r) => r.by !== list[0].by) ? byNumber : bySigning)
    for (let i = 0; i < list.length; i++) if (list[i].a === 'yes' && list[i - 1]?.a !== 'yes') out.starts.push(list[i])
    const last = list[list.length - 1]
    let start = last
    for (let i = list.length - 1; i >= 0 && list[i].a === 'yes'; i--) start = list[i]
    if (last.a === 'yes') out.runs.set(member, { member, start })
    out.latest.push(last)
    out.replies.push({
      member, answer: last.a, plus: last.plus ?? 0, note: last.note,
      at: shown(last.at, now, floor), since: shown(start.at, now, floor),
      timeLooksWrong: !plausible(last.at, now, floor) || !plausible(start.at, now, floor),
    })
  }
  return out
}
