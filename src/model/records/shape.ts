import { isMemberKey } from '../../identity/index.ts'
import { isContent, isInt, isObj } from './content.ts'
import { inviteId, inviteIdText } from './ids.ts'
import { NEED_ID, NEED_LIMITS } from './needs.ts'
import { cleanName } from './people.ts'
import { MAX_DEVICES, deviceShape } from './devices.ts'
import { ANSWERS, KINDS, LIMITS, MAX_AFTER, STANCES, canonical, recordKey, type HearthRecord, type Kind } from './records.ts'

const INVITE_ID = /^[A-Za-z0-9_-]{21}$/
const SIG = /^[A-Za-z0-9_-]{86}$/
const NONCE = /^[A-Za-z0-9_-]{16,32}$/
const REF = /^[A-Za-z0-9_-]{8}$/
const REF12 = /^[A-Za-z0-9_-]{12}$/
const HASH = /^[A-Za-z0-9_-]{22}$/
const KEY = /^[A-Za-z0-9_-]{43}$/
const CUT = /^[A-Za-z0-9_-]{43}:(0|[1-9][0-9]{0,15})$/
const BOX = /^[A-Za-z0-9_-]{43}:[A-Za-z0-9_-]{24,200}$/

const isStr = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max
const isMember = (v: unknown): v is string => typeof v === 'string' && isMemberKey(v)
const isMembers = (v: unknown): boolean =>
  Array.isArray(v) && v.length <= LIMITS.members && v.every(isMember) && new Set(v).size === v.length
const isList = (v: unknown, max: number, re: RegExp): boolean =>
  Array.isArray(v) && v.length <= max && v.every((x) => typeof x === 'string' && re.test(x)) && new Set(v).size === v.length
const isRefs = (v: unknown): boolean => isList(v, MAX_AFTER, REF)
// for-in also sees keys a prototype lends, which only refuses more: such a value is refused anyway (isPlain)
const only = (r: Record<string, unknown>, keys: ReadonlySet<string>): boolean => {
  for (const k in r) if (!keys.has(k) && r[k] !== undefined) return false
  return true
}

const COMMON = ['t', 'by', 'at', 'seq', 'prev', 'sig']
/** The fields a record may have: the common ones and these (a set made once, not a list per record) */
const fields = (more: string): ReadonlySet<string> => new Set([...COMMON, ...more.split(' ')])

const INVITE = {
  create: fields('id v op kind nonce c'), edit: fields('id v op kind c'), accept: fields('id v op'), cancel: fields('id v op seen'),
  release: fields('id v op c why'), naming: fields('id v op m'), until: fields('id v op end'), stepdown: fields('id v op to'),
  home: fields('id v op ms'), hide: fields('id v op c'), close: fields('id v op outcome review seen'),
}
const RESPONSE = fields('id n a plus note after o')
const COMMENT = fields('id c n text re gone')
const ROOM = fields('n name about after')
const REKEY = fields('from removal gone cut cuts room e boxes')
const CLAIM = fields('id need n op after')
const MEMBER = fields('n name x')

const chainShape = (r: Record<string, unknown>): boolean =>
  r.seq === undefined ? r.prev === undefined : isInt(r.seq, 1, LIMITS.seq) && (r.prev === undefined || HASH.test(String(r.prev)))

/** An invitation id to check against the SHA-256 of its text (inviteIdText), when a batch hashes them together. */
export interface IdCheck { id: string; text: string }
// while checkShape is given a list, a create's id check goes there instead of being hashed here (see ledger/sift.ts)
let idChecks: IdCheck[] | undefined
const idMatches = (id: string, by: string, nonce: string, chained: boolean): boolean => {
  if (!idChecks) return id === inviteId(by, nonce, chained)
  idChecks.push({ id, text: inviteIdText(by, nonce, chained) })
  return true
}

const inviteShape = (r: Record<string, unknown>): boolean => {
  if (!INVITE_ID.test(String(r.id)) || !isInt(r.v, 1, LIMITS.version)) return false
  switch (r.op) {
    case 'create':
      return r.v === 1 && KINDS.includes(r.kind as Kind) && typeof r.nonce === 'string' && NONCE.test(r.nonce) &&
        idMatches(r.id as string, r.by as string, r.nonce, r.seq !== undefined) && isContent(r.kind as Kind, r.c) && only(r, INVITE.create)
    case 'edit':
      return r.v > 1 && KINDS.includes(r.kind as Kind) && isContent(r.kind as Kind, r.c) && only(r, INVITE.edit)
    case 'accept': case 'decline':
      return r.v > 1 && only(r, INVITE.accept)
    case 'cancel':
      return r.v > 1 && (r.seen === undefined || isList(r.seen, NEED_LIMITS.needs * NEED_LIMITS.n, REF12)) && only(r, INVITE.cancel)
    case 'release':
      return r.v > 1 && REF12.test(String(r.c)) && isStr(r.why, LIMITS.note) && !!r.why.trim() && only(r, INVITE.release)
    case 'understudy':
      return r.v > 1 && isMember(r.m) && only(r, INVITE.naming)
    case 'until':
      return r.v > 1 && isInt(r.end, 0, 8.64e15) && only(r, INVITE.until)
    case 'cohost':
      return r.v > 1 && isMember(r.m) && only(r, INVITE.naming)
    case 'stepdown':
      return r.v > 1 && (r.to === undefined || isMember(r.to)) && only(r, INVITE.stepdown)
    case 'home': case 'attended':
      return r.v > 1 && isMembers(r.ms) && only(r, INVITE.home)
    case 'hide': case 'unhide':
      return r.v > 1 && isCommentRef(r.c) && only(r, INVITE.hide)
    case 'close':
      return r.v > 1 && isStr(r.outcome, LIMITS.text) && (r.review === undefined || isInt(r.review, 0, 8.64e15)) &&
        (r.seen === undefined || isList(r.seen, LIMITS.members, REF12)) && only(r, INVITE.close)
    default:
      return false
  }
}

const responseShape = (r: Record<string, unknown>): boolean => {
  if (!INVITE_ID.test(String(r.id)) || !isInt(r.n, 1, LIMITS.version)) return false
  if (!ANSWERS.includes(r.a as never) && !STANCES.includes(r.a as never)) return false
  if (r.plus !== undefined && !isInt(r.plus, 0, 20)) return false
  if (r.note !== undefined && !isStr(r.note, LIMITS.note)) return false
  const needsReason = r.a === 'object' || r.a === 'block'
  if (needsReason && !(typeof r.note === 'string' && r.note.trim())) return false
  if (r.after !== undefined && !(r.a === 'yes' && isRefs(r.after))) return false
  if (r.o !== undefined && !isInt(r.o, 0, 8.64e15)) return false
  return only(r, RESPONSE)
}

const COMMENT_ID = /^[A-Za-z0-9_-]{12}$/
const isCommentRef = (v: unknown): boolean => {
  if (typeof v !== 'string' || v.length > 120) return false
  const at = v.lastIndexOf('/')
  return at > 0 && isMember(v.slice(0, at)) && COMMENT_ID.test(v.slice(at + 1))
}

// comments and the room's name came after hash chains: they are always on one
const commentShape = (r: Record<string, unknown>): boolean =>
  r.seq !== undefined && INVITE_ID.test(String(r.id)) && COMMENT_ID.test(String(r.c)) && isInt(r.n, 1, LIMITS.version) &&
  isStr(r.text, LIMITS.comment) && (r.gone === undefined ? !!r.text.trim() : r.gone === true && r.text === '') &&
  (r.re === undefined || isCommentRef(r.re)) && only(r, COMMENT)

const roomShape = (r: Record<string, unknown>): boolean =>
  r.seq !== undefined && isInt(r.n, 1, LIMITS.version) && isStr(r.name, LIMITS.roomName) && !!cleanName(r.name) && isStr(r.about, LIMITS.about) &&
  (r.after === undefined || isList(r.after, 16, REF12)) && only(r, ROOM)

// a re-key came after hash chains; its boxes name each member once
const rekeyShape = (r: Record<string, unknown>): boolean =>
  r.seq !== undefined && INVITE_ID.test(String(r.from)) && INVITE_ID.test(String(r.removal)) && isMember(r.gone) && r.gone !== r.by && isInt(r.cut, 0, LIMITS.seq) &&
  INVITE_ID.test(String(r.room)) && KEY.test(String(r.e)) && isList(r.boxes, LIMITS.members, BOX) &&
  (r.boxes as string[]).every((b) => isMember(b.slice(0, 43))) && new Set((r.boxes as string[]).map((b) => b.slice(0, 43))).size === (r.boxes as string[]).length &&
  (r.cuts === undefined || (isList(r.cuts, MAX_DEVICES, CUT) && (r.cuts as string[]).every((x) => isMember(x.slice(0, 43)) && x.slice(0, 43) !== r.gone))) &&
  only(r, REKEY)

// claims came after hash chains too; only a claim names what it saw
const claimShape = (r: Record<string, unknown>): boolean =>
  r.seq !== undefined && INVITE_ID.test(String(r.id)) && NEED_ID.test(String(r.need)) && isInt(r.n, 1, LIMITS.version) &&
  (r.op === 'claim' ? r.after === undefined || isList(r.after, NEED_LIMITS.n, REF) : r.op === 'back' && r.after === undefined) &&
  only(r, CLAIM)

const SHAPES: Record<string, (r: Record<string, unknown>) => boolean> = {
  inv: (r) => inviteShape(r), res: (r) => responseShape(r), mem: (r) => memberShape(r), com: commentShape, room: roomShape, dev: deviceShape, rekey: rekeyShape, clm: claimShape,
}

const memberShape = (r: Record<string, unknown>): boolean =>
  isInt(r.n, 1, LIMITS.version) && isStr(r.name, LIMITS.name) && !!r.name.trim() && (r.x === undefined || KEY.test(String(r.x))) &&
  only(r, MEMBER)

/**
 * Only plain objects and lists: lib0 turns a key "__proto__" into the object's prototype, whose fields are read like
 * its own but are not in the signed text (its own fields), so anyone could add words to someone's signed record.
 */
// a cold open asks this of 10,000 records twice (in a sift worker, then here of the originals): no list of keys, no
// call per field; for-in sees only own keys under Object.prototype, which has no enumerable ones
export const isPlain = (v: unknown, depth = 0): boolean => {
  if (typeof v !== 'object' || v === null) return true
  if (depth > 16) return false
  const proto = Object.getPrototypeOf(v)
  if (proto === Array.prototype) {
    if (!Array.isArray(v)) return false
    for (let i = 0; i < v.length; i++) if (typeof v[i] === 'object' && v[i] !== null && !isPlain(v[i], depth + 1)) return false
    return true
  }
  if (proto !== Object.prototype || Array.isArray(v)) return false
  for (const k in v) {
    const x = (v as Record<string, unknown>)[k]
    if (typeof x === 'object' && x !== null && !isPlain(x, depth + 1)) return false
  }
  return true
}

/**
 * Checks everything about a value read from a room that needs no signature:
 * shape, size limits, and that it sits at the key its content names. Never throws.
 * Given `ids`, an invitation's id is not hashed here: its check is added there, and the record holds only if the
 * caller finds it matches (a batch hashes them together). A refused record adds none.
 */
export const checkShape = (key: string, value: unknown, ids?: IdCheck[]): HearthRecord | null => {
  const before = ids?.length ?? 0
  idChecks = ids
  try {
    const record = shaped(key, value)
    if (!record && ids) ids.length = before
    return record
  } catch {
    if (ids) ids.length = before
    return null
  } finally {
    idChecks = undefined
  }
}

const shaped = (key: string, value: unknown): HearthRecord | null => {
  if (!isObj(value) || !isMember(value.by) || !isInt(value.at, 0, 8.64e15) || typeof value.sig !== 'string' || !SIG.test(value.sig) || !chainShape(value)) return null
  const shape = typeof value.t === 'string' && Object.hasOwn(SHAPES, value.t) ? SHAPES[value.t] : undefined
  if (!shape?.(value) || !isPlain(value)) return null
  const record = value as unknown as HearthRecord
  // a re-key carries a box per remaining device, a removal names the devices it counts
  const big = value.t === 'rekey' || (value.t === 'inv' && isObj(value.c) && value.c.remove !== undefined)
  if (canonical(record).length > (big ? LIMITS.rekey : LIMITS.record)) return null
  return recordKey(record) === key ? record : null
}
