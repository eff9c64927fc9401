import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createIdentity, sign } from '../../../src/identity/index.ts'
import { canonical, commands as c, openRoom, recordKey, verifiedIds, type HearthRecord } from '../../../src/model/index.ts'
import { inviteId } from '../../../src/model/records/index.ts'
import { event, peer } from '../fixtures/model.ts'

const N = 10_000

/** A room of N signed invitations, written straight into a document. */
const bigRoom = async () => {
  const me = await createIdentity()
  const doc = new Y.Doc()
  const records = await Promise.all(Array.from({ length: N }, async (_, i) => {
    const nonce = `nonce-${String(i).padStart(10, '0')}`
    const body = { t: 'inv', id: inviteId(me.id, nonce), v: 1, by: me.id, at: 1e12 + i, op: 'create', kind: 'event', nonce, c: event({ title: `Event ${i}` }) }
    return { ...body, sig: await sign(me, canonical(body as HearthRecord)) } as HearthRecord
  }))
  doc.transact(() => records.forEach((r) => doc.getMap('records').set(recordKey(r), r)))
  return { me, update: Y.encodeStateAsUpdate(doc) }
}

describe('verification cache', () => {
  it(`reopening a room of ${N.toLocaleString('en')} records verifies none of them again`, async () => {
    const { me, update } = await bigRoom()
    const open = async (cache?: Uint8Array) => {
      const doc = new Y.Doc()
      Y.applyUpdate(doc, update)
      const room = openRoom(doc, me, { verified: verifiedIds(cache) })
      await room.ledger.ready
      const count = room.invitations().length
      return { room, doc, count }
    }
    const cold = await open()
    expect(cold.count).toBe(N)
    expect(cold.room.ledger.checked()).toBe(N)
    const saved = cold.room.ledger.verified.encode()
    const warm = await open(saved)
    expect(warm.count).toBe(N)
    expect(warm.room.ledger.checked()).toBe(0)
    // a record that arrives later is still checked
    const other = await peer()
    Y.applyUpdate(other.doc, update)
    await c.invite(other.room, 'event', event({ title: 'new' }))
    Y.applyUpdate(warm.doc, Y.encodeStateAsUpdate(other.doc, Y.encodeStateVector(warm.doc)))
    await warm.room.ledger.settled()
    expect(warm.room.ledger.checked()).toBe(1)
    expect(warm.room.invitations()).toHaveLength(N + 1)
  }, 60_000)

  it('treats a damaged cache as empty', async () => {
    const cache = verifiedIds(new Uint8Array([200, 200, 200]))
    expect(cache.size()).toBe(0)
    const round = verifiedIds(verifiedIds().encode())
    expect(round.size()).toBe(0)
    const ids = verifiedIds()
    ids.add(7, 3); ids.add(7, 1); ids.add(9, 0)
    const again = verifiedIds(ids.encode())
    expect([again.has(7, 1), again.has(7, 3), again.has(9, 0), again.has(7, 2)]).toEqual([true, true, true, false])
  })
})
