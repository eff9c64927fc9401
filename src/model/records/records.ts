import type { MemberId } from '../../identity/index.ts'
import { deviceKey, type DeviceRecord } from './devices.ts'
import type { RekeyRecord } from './removal.ts'

export type { RekeyRecord }

/** The three kinds of invitation a member can make. */
export type Kind = 'project' | 'event' | 'proposal'
export const KINDS: readonly Kind[] = ['project', 'event', 'proposal']

/** What an invitation asks for: a role or a task, and how many people it takes ("take notes ×1"). See needs.ts. */
export interface Need {
  /** eight characters, fixed for the life of the need: claims name it */
  id: string
  what: string
  n: number
}

export interface ProjectContent {
  title: string
  text: string
  skills: string[]
  threshold?: number
  needs?: Need[]
}

/** An event that repeats: every week or every month, for `times` occurrences or until a date (one of the two). */
export interface Repeat {
  every: 'week' | 'month'
  times?: number
  until?: number
}

/** A host's change to one occurrence, named by when it was to begin (`at`): cancelled, or moved, or elsewhere. */
export interface Exception {
  at: number
  cancelled?: true
  start?: number
  end?: number
  place?: string
}

export interface EventContent {
  title: string
  text: string
  start: number
  end: number
  tz: string
  place: string
  online: boolean
  capacity?: number
  plusOnes: number
  needs?: Need[]
  /** the event repeats (see repeat.ts); answers then name the occurrence they are for */
  repeat?: Repeat
  /** a host's changes to single occurrences: cancelled, moved, elsewhere */
  except?: Exception[]
}

export interface ProposalContent {
  title: string
  text: string
  closesAt: number
  /** a proposal to remove this member from the room (see removal.ts); fixed by the create */
  remove?: MemberId
  /** on a removal: the devices whose people it counts (those the proposer knew by their lockbox key); fixed by the create */
  counts?: MemberId[]
  needs?: Need[]
}

export type Content = ProjectContent | EventContent | ProposalContent

/** What changes an invitation. Each is one signed version; nothing is ever deleted. */
export type InviteOp =
  | { op: 'create'; kind: Kind; nonce: string; c: Content }
  | { op: 'edit'; kind: Kind; c: Content }
  /** `seen`: the claims the canceller saw (refs); once cancelled, only they count */
  | { op: 'cancel'; seen?: string[] }
  | { op: 'cohost'; m: MemberId }
  | { op: 'accept' }
  | { op: 'decline' }
  | { op: 'stepdown'; to?: MemberId }
  | { op: 'home'; ms: MemberId[] }
  /** `seen`: the stances the closer saw, as refs; only they count once it is closed */
  | { op: 'close'; outcome: string; review?: number; seen?: string[] }
  | { op: 'attended'; ms: MemberId[] }
  /** a host hides a comment from the invitation (`c` is its ref, see commentRef), or shows it again */
  | { op: 'hide'; c: string }
  | { op: 'unhide'; c: string }
  /** a host releases a claim (`c` is its ref), saying why */
  | { op: 'release'; c: string; why: string }
  /** a host asks a member to be their understudy; the member answers with 'accept' or 'decline' */
  | { op: 'understudy'; m: MemberId }
  /** the signer's host role ends at `end` (0: no end): then their device steps down, to their understudy if they have one */
  | { op: 'until'; end: number }

export type Answer = 'yes' | 'maybe' | 'no'
export type Stance = 'agree' | 'abstain' | 'object' | 'block'
export const ANSWERS: readonly Answer[] = ['yes', 'maybe', 'no']
export const STANCES: readonly Stance[] = ['agree', 'abstain', 'object', 'block']

interface Signed {
  by: MemberId
  at: number
  /**
   * The author's chain (absent on records from before chains): `seq` grows with every record its author signs
   * in the room, and `prev` is the hash of the author's previous record here (absent when they know none).
   */
  seq?: number
  prev?: string
  sig: string
}

/** Version `v` of invitation `id`. Key: `i/<id>/<v>/<by>`. */
export type InviteRecord = Signed & { t: 'inv'; id: string; v: number } & InviteOp

/** A member's `n`th answer to invitation `id`. Key: `r/<id>/<by>/<n>`. */
export interface ResponseRecord extends Signed {
  t: 'res'
  id: string
  n: number
  a: Answer | Stance
  plus?: number
  note?: string
  /** on a yes: the answers this member saw at the head of the queue (see queue.ts); absent on older records */
  after?: string[]
  /** on a repeating event: the occurrence answered, by when the series says it begins */
  o?: number
}

/** How many answers a yes may name in `after`. */
export const MAX_AFTER = 16

/** A member's `n`th display name. Key: `m/<by>/<n>`. */
export interface MemberRecord extends Signed {
  t: 'mem'
  n: number
  name: string
  /** the member's X25519 key for lockboxes (base64url), published with their name */
  x?: string
}

/**
 * Version `n` of a member's comment `c` on invitation `id`. Only its author signs its versions: a later one
 * edits it, one with `gone` withdraws it. `re` is the ref of the comment it replies to.
 * Key: `c/<id>/<by>/<c>/<n>`.
 */
export interface CommentRecord extends Signed {
  t: 'com'
  id: string
  c: string
  n: number
  text: string
  re?: string
  gone?: true
}

/**
 * A member names the room or describes it; any member may. `after` names the room records it follows,
 * so the newest in causal order is the one everyone shows. Key: `o/<by>/<n>`.
 */
export interface RoomRecord extends Signed {
  t: 'room'
  n: number
  name: string
  about: string
  after?: string[]
}

/**
 * A member's `n`th word on need `need` of invitation `id`: they claim it for themselves (step up), or hand it back.
 * `after` (on a claim) names the claims on that need it saw, which gives it its place, as a yes in the queue.
 * Key: `k/<id>/<need>/<by>/<n>`.
 */
export interface ClaimRecord extends Signed {
  t: 'clm'
  id: string
  need: string
  n: number
  op: 'claim' | 'back'
  after?: string[]
}

export type HearthRecord = InviteRecord | ResponseRecord | MemberRecord | CommentRecord | RoomRecord | DeviceRecord | RekeyRecord | ClaimRecord
export type Unsigned = HearthRecord extends infer T ? (T extends unknown ? Omit<T, 'sig'> : never) : never

export const LIMITS = {
  title: 200,
  text: 10_000,
  note: 1_000,
  name: 80,
  roomName: 80,
  about: 2_000,
  comment: 4_000,
  place: 300,
  skill: 60,
  skills: 30,
  members: 500,
  tz: 64,
  count: 100_000,
  version: 1_000_000,
  seq: Number.MAX_SAFE_INTEGER,
  // room for the longest outcome beside the stances its close names
  record: 24_576,
  // a re-key carries one lockbox per remaining member
  rekey: 131_072,
} as const

export const isChained = (r: HearthRecord): boolean => r.seq !== undefined

/** A chained record's key ends in the start of its signature, so two records never compete for one key. */
export const recordKey = (r: HearthRecord): string => {
  const tail = isChained(r) ? `/${r.sig.slice(0, 10)}` : ''
  switch (r.t) {
    case 'inv': return `i/${r.id}/${r.v}/${r.by}${tail}`
    case 'res': return `r/${r.id}/${r.by}/${r.n}${tail}`
    case 'mem': return `m/${r.by}/${r.n}${tail}`
    case 'com': return `c/${r.id}/${r.by}/${r.c}/${r.n}${tail}`
    case 'room': return `o/${r.by}/${r.n}${tail}`
    case 'dev': return deviceKey(r)
    case 'rekey': return `k/${r.by}/${r.removal}${tail}`
    case 'clm': return `k/${r.id}/${r.need}/${r.by}/${r.n}${tail}`
  }
}

/** How a reply or a host's hide names a comment: its author and their comment id, the same in every version. */
export const commentRef = (r: Pick<CommentRecord, 'by' | 'c'>): string => `${r.by}/${r.c}`

/** The exact text that is signed: the record without `sig`, keys sorted, no undefined. */
// records are immutable values, and a check asks for one's text twice in a row (its size, then its link or
// signature): the last one is kept. A text kept per record held 10,000 of them after a cold open, and the
// collector's work on them cost more than spelling each again
let lastRecord: object | undefined
let lastText = ''

export const canonical = (r: Unsigned | HearthRecord): string => {
  if (r !== lastRecord) (lastText = stable(r, true)), (lastRecord = r)
  return lastText
}

// the same text as `{${sorted keys.map(k => `${JSON.stringify(k)}:${stable(v)}`).join(',')}}` (and join's '' for what
// JSON can't spell in a list), written without the intermediate arrays: a cold open spells 10,000 of these
const stable = (value: unknown, top = false): string => {
  if (Array.isArray(value)) {
    let out = '['
    for (let i = 0; i < value.length; i++) {
      if (i) out += ','
      const text = spelled(value[i])
      if (text !== undefined) out += text
    }
    return out + ']'
  }
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>
    const keys = sortedKeys(obj)
    let out = '{'
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]
      const v = obj[k]
      if (v === undefined || (top && k === 'sig')) continue
      out += (out.length > 1 ? ',' : '') + quoted(k) + ':' + spelled(v)
    }
    return out + '}'
  }
  return JSON.stringify(value)
}

// JSON's own spelling of a value, without its call for numbers and booleans (a finite number's JSON is its String)
const spelled = (v: unknown): string =>
  typeof v === 'string' ? JSON.stringify(v) : typeof v === 'number' ? (Number.isFinite(v) ? '' + v : 'null') :
    typeof v === 'boolean' ? (v ? 'true' : 'false') : stable(v)

// records of one kind list their keys in one order: the sorted order of the last few lists is kept (a cold open
// sorted the keys of 20,000 objects)
const seen: string[][] = []
const sorted: string[][] = []
const sortedKeys = (obj: object): string[] => {
  const keys = Object.keys(obj)
  next: for (let s = 0; s < seen.length; s++) {
    const k = seen[s]
    if (k.length !== keys.length) continue
    for (let i = 0; i < k.length; i++) if (k[i] !== keys[i]) continue next
    return sorted[s]
  }
  if (seen.length >= 16) seen.shift(), sorted.shift()
  seen.push(keys)
  sorted.push([...keys].sort())
  return sorted[sorted.length - 1]
}

// records use a few dozen field names: each is quoted once (bounded, as a peer can send any)
const quotes = new Map<string, string>()
const quoted = (k: string): string => {
  let q = quotes.get(k)
  if (q === undefined) {
    if (quotes.size >= 512) quotes.clear()
    quotes.set(k, (q = JSON.stringify(k)))
  }
  return q
}
