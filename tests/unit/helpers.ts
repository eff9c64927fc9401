import * as Y from 'yjs'
import { createIdentity, sign, type Identity } from '../../src/identity/index.ts'
import { hashOf } from '../../src/model/records/index.ts'
import { canonical, openRoom, recordKey, type EventContent, type HearthRecord, type ProjectContent, type ProposalContent, type Room, type VerifiedIds } from '../../src/model/index.ts'

export const HOUR = 3_600_000
export const T0 = Date.UTC(2026, 11, 1, 12)

export interface Peer {
  doc: Y.Doc
  me: Identity
  room: Room
  clock: { t: number }
}

export const peer = async (opts: { me?: Identity; doc?: Y.Doc; verified?: VerifiedIds } = {}): Promise<Peer> => {
  const doc = opts.doc ?? new Y.Doc()
  const me = opts.me ?? (await createIdentity())
  const clock = { t: T0 }
  const room = openRoom(doc, me, { now: () => clock.t, verified: opts.verified })
  await room.ledger.ready
  return { doc, me, room, clock }
}

/** Full two-way exchange of state, then wait until both ledgers have checked it. */
export const sync = async (...peers: Peer[]) => {
  for (const a of peers) for (const b of peers) if (a !== b) Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(b.doc)))
  await settle(...peers)
}

export const settle = (...peers: Peer[]) => Promise.all(peers.map((p) => p.room.ledger.settled()))

export const project = (over: Partial<ProjectContent> = {}): ProjectContent => ({
  title: 'Community garden', text: 'Dig beds together', skills: ['digging'], ...over,
})

export const event = (over: Partial<EventContent> = {}): EventContent => ({
  title: 'Potluck', text: 'Bring a dish', start: T0 + 24 * HOUR, end: T0 + 27 * HOUR, tz: 'Europe/Berlin',
  place: 'The hall', online: false, plusOnes: 0, ...over,
})

export const proposal = (over: Partial<ProposalContent> = {}): ProposalContent => ({
  title: 'Adopt a code of conduct', text: 'We adopt the attached code.', closesAt: T0 + 48 * HOUR, ...over,
})

export const expectOk = <R extends { ok: boolean }>(r: R): R & { ok: true } => {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r)}`)
  return r as R & { ok: true }
}

/** A record signed by `signer` with whatever content a hostile member chooses. */
export const forge = async (signer: Identity, record: Record<string, unknown>): Promise<HearthRecord> => {
  const body = Object.fromEntries(Object.entries({ at: T0, ...record }).filter(([, v]) => v !== undefined)) as unknown as HearthRecord
  return { ...body, sig: await sign(signer, canonical(body)) } as HearthRecord
}

/** Writes straight into the shared document, as a member holding the room key can. */
export const inject = async (p: Peer, ...records: HearthRecord[]) => {
  const attacker = new Y.Doc()
  Y.applyUpdate(attacker, Y.encodeStateAsUpdate(p.doc))
  attacker.transact(() => records.forEach((r) => attacker.getMap('records').set(recordKey(r), r)))
  Y.applyUpdate(p.doc, Y.encodeStateAsUpdate(attacker, Y.encodeStateVector(p.doc)))
  await p.room.ledger.settled()
}

/** Like forge, but on the signer's chain as `p` knows it, the way a hostile member's own client would write it. */
export const forgeNext = (p: Peer, signer: Identity, record: Record<string, unknown>): Promise<HearthRecord> => {
  const head = p.room.ledger.chains.head(signer.id)
  return forge(signer, { seq: (head?.seq ?? 0) + 1, prev: head && hashOf(head), ...record })
}
