import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { newBoxKeys, roomIdFor } from '../../../src/crypto/index.ts'
import { createIdentity } from '../../../src/identity/index.ts'
import { commands as c, openRoom, recordKey, type HearthRecord } from '../../../src/model/index.ts'
import { hashOf } from '../../../src/model/records/index.ts'
import { T0, event, expectOk, forge, sync, type Peer } from '../fixtures/model.ts'

const ROOM_ID = roomIdFor('a-room-secret-0123456789abcdef-xyz')

const member = async (): Promise<Peer> => {
  const doc = new Y.Doc()
  const clock = { t: T0 }
  const me = await createIdentity()
  const room = openRoom(doc, me, { now: () => clock.t, roomId: ROOM_ID })
  await room.ledger.ready
  return { doc, me, room, clock }
}

// a member holds the room's key, so they can write a re-key naming this very room: it must bar nobody
describe('a re-key with no removal behind it', () => {
  it('does not silence a member, whatever it names', async () => {
    const ana = await member()
    const dan = await member()
    expectOk(await c.setName(ana.room, 'Ana'))
    const id = expectOk(await c.invite(ana.room, 'event', event({ title: 'Potluck' }))).id
    await sync(ana, dan)
    // Dan signs a re-key on his own chain, naming this room as the one moved to and Ana as the member removed
    const head = dan.room.ledger.chains.head(dan.me.id)
    const fake = await forge(dan.me, {
      t: 'rekey', by: dan.me.id, seq: (head?.seq ?? 0) + 1, prev: head && hashOf(head), from: roomIdFor('somewhere-else-0123456789abcdef'),
      removal: id, gone: ana.me.id, cut: 0, room: ROOM_ID, e: newBoxKeys().pub, boxes: [],
    }) as HearthRecord
    dan.doc.transact(() => dan.doc.getMap('records').set(recordKey(fake), fake))
    await dan.room.ledger.settled()
    await sync(ana, dan)
    for (const p of [ana, dan]) {
      expect(p.room.invitation(id)?.content.title).toBe('Potluck')
      expect(p.room.nameOf(ana.me.id)).toBe('Ana')
    }
  })
})
