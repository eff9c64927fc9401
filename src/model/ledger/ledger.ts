import * as Y from 'yjs'
import { verifyMany, type MemberId } from '../../identity/index.ts'
import { openBars } from './bars.ts'
import { openChains, type Chains } from './chains.ts'
import { openPersons, type Persons } from './persons.ts'
import { openQuota, type Quota } from './quota.ts'
import { checkShape, deviceConsent, forgetLinks, hashOf, isChained, type ClaimRecord, type RekeyRecord, type CommentRecord, type HearthRecord, type InviteRecord, type MemberRecord, type ResponseRecord, type RoomRecord } from '../records/index.ts'
import { verifiedIds, type VerifiedIds } from './verified.ts'
import { checkSigned } from './vouch.ts'
import { sift } from './sift.ts'
import { group, ungroup, type Versions } from './versions.ts'

export interface Change {
  invites: Set<string>
  members: boolean
  /** the room's name or description */
  room?: boolean
  /** a re-key (removal.ts) */
  rekey?: boolean
}

/** Every valid record of a room, indexed, kept up to date as the document changes. */
export interface Ledger {
  doc: Y.Doc
  records: Y.Map<unknown>
  invites: Map<string, Versions<InviteRecord>>
  responses: Map<string, Versions<ResponseRecord>>
  members: Map<MemberId, MemberRecord[]>
  /** comments by invitation, every version */
  comments: Map<string, Versions<CommentRecord>>
  /** every name and description given to the room */
  about: Map<string, RoomRecord>
  /** every re-key written here (whether it counts is the removal view's to say) */
  rekeys: Map<string, RekeyRecord>
  /** claims and hand-backs of needs, by invitation */
  claims: Map<string, Versions<ClaimRecord>>
  /** what each member may still add: records past a member's limits don't count */
  quota: Quota
  /** each author's chain, and which of their records it disowns, or a revocation of their device does */
  chains: Chains
  /** each device resolved to its person (see persons.ts) */
  persons: Persons
  verified: VerifiedIds
  invalid: () => number
  /** how many records this ledger has checked, by signature or by hash from one (the cache saves the rest) */
  checked: () => number
  /** resolves once everything in the document at open time has been checked */
  ready: Promise<void>
  /** resolves once everything seen so far has been checked */
  settled: () => Promise<void>
  /** writes records this device just signed, in one transaction: they are known valid, so they skip verification */
  write: (entries: [string, HearthRecord][]) => void
  onChange: (listener: (c: Change) => void) => () => void
  destroy: () => void
}

const LOCAL = Symbol('hearth-local')

// Y.Map keeps its entries as Items; their ids are what the verification cache remembers.
const itemOf = (map: Y.Map<unknown>, key: string): Y.Item | undefined =>
  (map as unknown as { _map: Map<string, Y.Item> })._map.get(key)
const valueOf = (item: Y.Item): unknown => (item.deleted ? undefined : item.content.getContent()[0])

/** `roomId`: a re-key naming this room as the one it moved to bars the person it removed here, once it `counts` (bars.ts). */
export const openLedger = (
  doc: Y.Doc, opts: { verified?: VerifiedIds; roomId?: string; counts?: (ledger: Ledger, r: RekeyRecord) => boolean } = {},
): Ledger => {
  const records = doc.getMap<unknown>('records')
  const verified = opts.verified ?? verifiedIds()
  const valid = new Map<string, HearthRecord>()
  const invites = new Map<string, Versions<InviteRecord>>()
  const responses = new Map<string, Versions<ResponseRecord>>()
  const members = new Map<MemberId, MemberRecord[]>()
  const comments = new Map<string, Versions<CommentRecord>>()
  const about = new Map<string, RoomRecord>()
  const own = openChains()
  const persons = openPersons(own.contested, own.records)
  // what a revoked device signed after its revocation counts no more than what its own chain disowns
  const chains: Chains = { ...own, contested: (r) => own.contested(r) || persons.revokedAfter(r) }
  let quota = openQuota(persons.personOf)
  let regroup = false
  const rekeys = new Map<string, RekeyRecord>()
  const bars = openBars(opts.roomId, persons.personOf)
  const barred = bars.barred
  const applyBars = (change: Change) => {
    if (!bars.prove((r) => !!opts.counts?.(self, r))) return
    for (const [k, old] of valid) if (barred(old) && isCounted(k)) drop(k, change)
  }
  const claims = new Map<string, Versions<ClaimRecord>>()
  const listeners = new Set<(c: Change) => void>()
  let invalid = 0
  let checked = 0
  let queue = new Set<string>()
  let running: Promise<void> = Promise.resolve()
  let destroyed = false

  const accept = (key: string, r: HearthRecord, change: Change) => {
    const old = valid.get(key)
    if (old === r) return
    valid.set(key, r)
    if (isChained(r)) chains.add(r, old), persons.grew(r.by)
    if (r.t === 'dev') persons.add(key, r), (regroup = true)
    // past its author's limits a record is kept, but counts for nothing; and it may push out later ones
    // (a record written again at its key is counted once)
    if (!old) for (const k of quota.admit(key, r)) drop(k, change)
    if (barred(r)) drop(key, change)
    if (!isCounted(key)) return
    if (r.t === 'inv') group(invites, r.id, key, r), change.invites.add(r.id)
    else if (r.t === 'res') group(responses, r.id, key, r), change.invites.add(r.id)
    else if (r.t === 'com') group(comments, r.id, key, r), change.invites.add(r.id)
    else if (r.t === 'clm') group(claims, r.id, key, r), change.invites.add(r.id)
    else if (r.t === 'room') about.set(key, r), (change.room = true)
    else if (r.t === 'dev') change.members = true
    else if (r.t === 'rekey') rekeys.set(key, r), (change.rekey = true), bars.notice(r)
    else {
      // in place: copying the list on each of 12,000 name changes made reopening quadratic
      const list = members.get(r.by)
      const at = old && list ? list.indexOf(old as MemberRecord) : -1
      if (!list) members.set(r.by, [r])
      else if (at >= 0) list[at] = r
      else list.push(r)
      change.members = true
    }
  }

  const uncounted = new Set<string>()
  const isCounted = (key: string) => !uncounted.has(key)
  const drop = (key: string, change: Change) => {
    uncounted.add(key)
    const r = valid.get(key)
    if (!r) return
    if (r.t === 'inv') ungroup(invites, r.id, key), change.invites.add(r.id)
    else if (r.t === 'res') ungroup(responses, r.id, key), change.invites.add(r.id)
    else if (r.t === 'com') ungroup(comments, r.id, key), change.invites.add(r.id)
    else if (r.t === 'clm') ungroup(claims, r.id, key), change.invites.add(r.id)
    else if (r.t === 'room') about.delete(key), (change.room = true)
    else if (r.t === 'dev') change.members = true
    else if (r.t === 'rekey') rekeys.delete(key), (change.rekey = true)
    else {
      const list = members.get(r.by)
      const at = list ? list.indexOf(r) : -1
      if (at >= 0) list!.splice(at, 1), (change.members = true)
    }
  }

  /** Nothing in a room is deleted or replaced: a valid record this device holds goes back where it was. */
  const restore = (key: string) => {
    const r = valid.get(key)
    if (r) doc.transact(() => records.set(key, r), LOCAL)
  }

  /** Who is who changed: every share and every view is counted again, by person. Rare: a device linked or revoked. */
  const regrouped = (change: Change) => {
    regroup = false
    quota = openQuota(persons.personOf)
    uncounted.clear()
    for (const [key, r] of valid) for (const k of quota.admit(key, r)) uncounted.add(k)
    // a member a re-key barred stays barred, whoever's devices are counted together
    for (const [key, r] of valid) if (barred(r)) uncounted.add(key)
    for (const index of [invites, responses, comments, claims]) index.clear()
    about.clear()
    members.clear()
    for (const [key, r] of valid) {
      if (!isCounted(key)) continue
      if (r.t === 'inv') group(invites, r.id, key, r)
      else if (r.t === 'res') group(responses, r.id, key, r)
      else if (r.t === 'com') group(comments, r.id, key, r)
      else if (r.t === 'clm') group(claims, r.id, key, r)
      else if (r.t === 'room') about.set(key, r)
      else if (r.t === 'mem') members.get(r.by)?.push(r) ?? members.set(r.by, [r])
    }
    for (const id of invites.keys()) change.invites.add(id)
    change.members = true
    change.room = true
  }

  const emit = (change: Change) => {
    if (persons.settle()) regroup = true
    if (regroup) regrouped(change)
    if (bars.waiting()) applyBars(change)
    // a record its author's chain now disowns (or no longer does) changes what its invitation shows
    for (const r of chains.settle()) {
      if (r.t === 'mem' || r.t === 'dev') change.members = true
      else if (r.t === 'room') change.room = true
      else if (r.t === 'rekey') change.rekey = true
      else change.invites.add(r.id)
    }
    if (change.invites.size || change.members || change.room || change.rekey) listeners.forEach((l) => l(change))
  }

  // A record whose own signature fails counts when a valid record of its author names it by hash (see vouch.ts),
  // whichever of the two arrives first: else its author could make phones disagree on it by the order they send.
  const unvouched = new Map<string, string>()
  const vouched = (key: string, r: HearthRecord): boolean => {
    if (!isChained(r)) return false
    const link = hashOf(r)
    if (chains.names(r.by, link)) return true
    if (unvouched.size >= 10_000) unvouched.clear()
    unvouched.set(link, key)
    return false
  }
  const vouchBack = (r: HearthRecord, change: Change) => {
    for (let link = r.prev; unvouched.size && link !== undefined;) {
      const key = unvouched.get(link)
      if (key === undefined) return
      unvouched.delete(link)
      const item = itemOf(records, key)
      const p = item && !item.deleted ? checkShape(key, valueOf(item)) : null
      if (!p || p.by !== r.by || hashOf(p) !== link) return
      invalid--
      verified.add(item!.id.client, item!.id.clock)
      accept(key, p, change)
      link = p.prev
    }
  }

  // `now`: a live edit's few records, in the observer: their signatures go to WebCrypto before the update's other handlers run
  const process = async (keys: string[], now = false) => {
    const change: Change = { invites: new Set(), members: false }
    const toVerify: { key: string; item: Y.Item; record: HearthRecord }[] = []
    const fresh: { key: string; item: Y.Item }[] = []
    for (const key of keys) {
      const item = itemOf(records, key)
      if (!item || item.deleted) { restore(key); continue }
      // a verified item passed every check before, and its content cannot have changed since
      if (verified.has(item.id.client, item.id.clock)) { accept(key, valueOf(item) as HearthRecord, change); vouchBack(valueOf(item) as HearthRecord, change); continue }
      fresh.push({ key, item })
    }
    const shapes = now ? fresh.map(({ key, item }) => checkShape(key, valueOf(item))) : fresh.length ? await sift(fresh.map(({ key, item }) => [key, valueOf(item)])) : []
    if (destroyed) return
    fresh.forEach(({ key, item }, j) => {
      const record = shapes[j]
      if (itemOf(records, key) !== item) return // replaced meanwhile; the newer value is queued
      if (!record) { invalid++; restore(key); return }
      toVerify.push({ key, item, record })
    })
    if (now && !toVerify.length) await null // what is known already counts after the observer, as before
    if (toVerify.length) {
      checked += toVerify.length
      const signed = toVerify.map(({ record }) => record)
      const results = await checkSigned(signed)
      // a certificate also carries its device's consent (see devices.ts), which no chain vouches for
      const consents = signed.flatMap((r, j): [number, [string, string, string]][] =>
        r.t === 'dev' && r.op === 'add' ? [[j, [r.d, deviceConsent(r.p, r.d), r.ds]]] : [])
      if (consents.length) {
        const agreed = await verifyMany(consents.map(([, c]) => c))
        consents.forEach(([j], i) => { results[j] &&= agreed[i] })
      }
      if (destroyed) return
      toVerify.forEach(({ key, item, record }, j) => {
        if (itemOf(records, key) !== item) return // replaced meanwhile; the newer value is queued
        if (!results[j] && !vouched(key, record)) { invalid++; restore(key); return }
        verified.add(item.id.client, item.id.clock)
        accept(key, record, change)
        vouchBack(record, change)
      })
    }
    emit(change), forgetLinks()
  }
  let runs = 0
  const run = (now?: boolean) => { const keys = [...queue]; queue = new Set(); return keys.length ? process(keys, now) : undefined }
  const schedule = (keys: Iterable<string>, now = false) => {
    for (const k of keys) queue.add(k)
    runs++
    running = (now && runs === 1 ? Promise.resolve(run(true)) : running.then(() => run()))
      .catch((err) => console.error('hearth: could not check records', err)).finally(() => { runs-- })
    return running
  }

  const observer = (e: Y.YMapEvent<unknown>) => { schedule(e.keysChanged, e.transaction.origin !== LOCAL && e.keysChanged.size <= 8) }
  records.observe(observer)
  const ready = schedule(records.keys())

  const self: Ledger = {
    doc, records, invites, responses, members, comments, about, rekeys, claims, chains, persons, verified, ready,
    get quota() { return quota },
    invalid: () => invalid,
    checked: () => checked,
    settled: async () => { while (queue.size) await running; await running },
    write(entries) {
      doc.transact(() => {
        for (const [key, record] of entries) {
          records.set(key, record)
          const item = itemOf(records, key)!
          verified.add(item.id.client, item.id.clock)
        }
      }, LOCAL)
    },
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    destroy() {
      destroyed = true
      records.unobserve(observer)
      listeners.clear()
    },
  }
  return self
}
