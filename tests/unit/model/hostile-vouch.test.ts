import { describe, expect, it } from 'vitest'
import { createIdentity, type Identity } from '../../../src/identity/index.ts'
import { recordKey, type HearthRecord, type InviteRecord } from '../../../src/model/index.ts'
import { hashOf, inviteId } from '../../../src/model/records/index.ts'
import { chainOf, event, forge, peer, type Peer } from '../fixtures/model.ts'

/**
 * A cold start checks one signature per author's chain head and the rest by hash (ledger/vouch.ts).
 * These are the ways a member holding the room key could try to slip records past that.
 */

type Create = Extract<InviteRecord, { op: 'create' }>

/** `n` invitations on `signer`'s chain, each naming the one before */
const chain = async (signer: Identity, n: number) => {
  const next = chainOf(signer)
  const out: Create[] = []
  for (let i = 1; i <= n; i++) {
    const nonce = `nonce-of-invite-${i}`
    out.push(await next({ t: 'inv', id: inviteId(signer.id, nonce, true), v: 1, op: 'create', kind: 'event', nonce, c: event({ title: `Event ${i}` }) }) as Create)
  }
  return out
}

/** What a newcomer holds after receiving `records` all at once, as from a snapshot */
const newcomer = async (records: HearthRecord[]): Promise<Peer> => {
  const p = await peer()
  p.doc.transact(() => records.forEach((r) => p.doc.getMap('records').set(recordKey(r), r)))
  await p.room.ledger.settled()
  return p
}

const titles = (p: Peer) => p.room.invitations().map((v) => v.content.title).sort()

describe('hostile members against one signature per chain head', () => {
  it('a forged middle record under a valid head has no effect', async () => {
    const a = await createIdentity()
    const real = await chain(a, 5)
    // same signature, other words: the head's hash of its predecessors no longer matches
    const forged = { ...real[2], c: { ...real[2].c, title: 'Pay me at the door' } } as InviteRecord
    const p = await newcomer([real[0], real[1], forged, real[3], real[4]])
    expect(titles(p)).toEqual(['Event 1', 'Event 2', 'Event 4', 'Event 5'])
    expect(p.room.ledger.invalid()).toBe(1)
    expect(p.room.forks()).toEqual([])
  })

  it('a head forged over a real chain counts for nothing, and the chain under it still counts', async () => {
    const [a, m] = [await createIdentity(), await createIdentity()]
    const real = await chain(a, 4)
    const nonce = 'nonce-of-the-forgery'
    // signed by m, claiming to be a's next record
    const head = await forge(m, { t: 'inv', id: inviteId(a.id, nonce, true), v: 1, by: a.id, op: 'create', kind: 'event', nonce, c: event({ title: 'Forged head' }), seq: 5, prev: hashOf(real[3]) })
    const p = await newcomer([...real, head])
    expect(titles(p)).toEqual(['Event 1', 'Event 2', 'Event 3', 'Event 4'])
    expect(p.room.ledger.invalid()).toBe(1)
    expect(p.room.forks()).toEqual([])
  })

  it('a forged branch beside an honest chain is refused, and makes no fork of it', async () => {
    const a = await createIdentity()
    const real = await chain(a, 3)
    // a second record 3 naming record 2: a fork, if it counted
    const forged = { ...real[2], nonce: 'nonce-of-the-branch', id: inviteId(a.id, 'nonce-of-the-branch', true), c: event({ title: 'Branch' }) } as InviteRecord
    const p = await newcomer([...real, forged])
    expect(titles(p)).toEqual(['Event 1', 'Event 2', 'Event 3'])
    expect(p.room.ledger.invalid()).toBe(1)
    expect(p.room.forks()).toEqual([])
  })

  it('a real fork still counts as one: both branches are checked, and the chain disowns them', async () => {
    const a = await createIdentity()
    const real = await chain(a, 2)
    // the author's own second record 2, naming nothing it should: a fork of their own making
    const nonce = 'nonce-of-the-twin'
    const twin = await forge(a, { t: 'inv', id: inviteId(a.id, nonce, true), v: 1, by: a.id, op: 'create', kind: 'event', nonce, c: event({ title: 'Twin' }), seq: 2, prev: real[1].prev })
    const p = await newcomer([...real, twin])
    expect(p.room.ledger.invalid()).toBe(0)
    expect(p.room.forks().map((f) => f.records.length)).toEqual([2])
    expect(titles(p)).toEqual(['Event 1'])
  })

  it('past a gap, a forged record is refused and the real ones on both sides count', async () => {
    const a = await createIdentity()
    const real = await chain(a, 6)
    const forged = { ...real[4], c: { ...real[4].c, title: 'Forged past the gap' } } as InviteRecord
    // record 3 has not arrived: what comes after it can't vouch for what comes before
    const p = await newcomer([real[0], real[1], real[3], forged, real[5]])
    expect(titles(p)).toEqual(['Event 1', 'Event 2', 'Event 4', 'Event 6'])
    expect(p.room.ledger.invalid()).toBe(1)
    // the whole chain once the gap fills
    p.doc.transact(() => p.doc.getMap('records').set(recordKey(real[2]), real[2]))
    await p.room.ledger.settled()
    expect(titles(p)).toEqual(['Event 1', 'Event 2', 'Event 3', 'Event 4', 'Event 6'])
  })

  it('a record its own author vouches for counts the same whichever arrives first', async () => {
    const [a, m] = [await createIdentity(), await createIdentity()]
    const real = await chain(a, 1)
    const nonce = 'nonce-of-the-unsigned'
    // a's record 2 with a signature that fails, and a's record 3 naming it: a's own doing, and a's to answer for
    const bad = await forge(m, { t: 'inv', id: inviteId(a.id, nonce, true), v: 1, by: a.id, op: 'create', kind: 'event', nonce, c: event({ title: 'Vouched' }), seq: 2, prev: hashOf(real[0]) })
    const nonce3 = 'nonce-of-the-voucher'
    const head = await forge(a, { t: 'inv', id: inviteId(a.id, nonce3, true), v: 1, by: a.id, op: 'create', kind: 'event', nonce: nonce3, c: event({ title: 'Voucher' }), seq: 3, prev: hashOf(bad) })
    const orders = [[real[0], bad, head], [real[0], head, bad], [head, bad, real[0]]]
    for (const order of orders) {
      const together = await newcomer(order)
      const oneByOne = await peer()
      for (const r of order) {
        oneByOne.doc.transact(() => oneByOne.doc.getMap('records').set(recordKey(r), r))
        await oneByOne.room.ledger.settled()
      }
      for (const p of [together, oneByOne]) {
        expect(titles(p)).toEqual(['Event 1', 'Vouched', 'Voucher'])
        expect(p.room.ledger.invalid()).toBe(0)
      }
    }
  })
})
