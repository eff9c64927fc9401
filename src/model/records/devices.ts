import { deviceConsent, isMemberKey, type MemberId } from '../../identity/index.ts'

export { deviceConsent }

/**
 * A person is a group of device keys under a person id: the key of their first device, so every member stays who
 * they were. A certificate (`add`) says "device `d` belongs to person `p`": signed by a device of `p` (`by`), and
 * by `d` itself (`ds`, its consent), so nobody can link a device to someone else nor take over someone's key.
 * It sits on no room's chain: the same certificate is written into every room of the person.
 * A certificate with `kit` makes a recovery kit's key: only a kit revokes it (see ledger/revoke.ts).
 * A revocation (`revoke`) is a record on its signer's chain in one room: `head` names, by the hash `prev` uses, the
 * revoked device's latest record the signer held here (absent if it held none), so what the device signs after it,
 * by its own chain, doesn't count; `keep` names the certificates the revoked device had signed that still stand
 * (the devices it once linked).
 */
export interface DeviceAdd {
  t: 'dev'
  op: 'add'
  p: MemberId
  d: MemberId
  /** `d`'s signature of deviceConsent(p, d) */
  ds: string
  kit?: 1
  by: MemberId
  at: number
  seq?: undefined
  prev?: undefined
  sig: string
}

export interface DeviceRevoke {
  t: 'dev'
  op: 'revoke'
  p: MemberId
  d: MemberId
  head?: string
  keep: string[]
  by: MemberId
  at: number
  seq: number
  prev?: string
  sig: string
}

export type DeviceRecord = DeviceAdd | DeviceRevoke

/** How many devices a revocation may keep, and how many certificates a person may hold in one room. */
export const MAX_DEVICES = 64

/** How a revocation names the certificates it keeps. */
export const certRef = (r: Pick<DeviceAdd, 'sig'>): string => r.sig.slice(0, 12)

const SIG = /^[A-Za-z0-9_-]{86}$/
const REF12 = /^[A-Za-z0-9_-]{12}$/
const LINK = /^[A-Za-z0-9_-]{22}$/
const only = (r: Record<string, unknown>, keys: string[]) => Object.keys(r).every((k) => keys.includes(k) || r[k] === undefined)

export const deviceShape = (r: Record<string, unknown>): boolean => {
  if (!isMemberKey(String(r.p)) || !isMemberKey(String(r.d))) return false
  if (r.op === 'add')
    return r.seq === undefined && r.d !== r.p && SIG.test(String(r.ds)) && (r.kit === undefined || r.kit === 1) &&
      only(r, ['t', 'by', 'at', 'sig', 'op', 'p', 'd', 'ds', 'kit'])
  if (r.op === 'revoke')
    return r.seq !== undefined && (r.head === undefined || LINK.test(String(r.head))) &&
      Array.isArray(r.keep) && r.keep.length <= MAX_DEVICES && r.keep.every((k) => typeof k === 'string' && REF12.test(k)) &&
      only(r, ['t', 'by', 'at', 'sig', 'seq', 'prev', 'op', 'p', 'd', 'head', 'keep'])
  return false
}

/** Key: `d/<p>/<d>/<by>/<start of sig>`: portable certificates and chained revocations alike never compete for one key. */
export const deviceKey = (r: DeviceRecord): string => `d/${r.p}/${r.d}/${r.by}/${r.sig.slice(0, 10)}`
