import { describe, expect, it } from 'vitest'
import { commands as c, recordKey, type HearthRecord } from '../../../src/model/index.ts'
import { event, expectOk, inject, peer, sync } from '../fixtures/model.ts'

/**
 * A value read from a room is decoded by lib0, which sets an object's prototype when it meets a key "__proto__".
 * What a prototype carries is read like the record's own fields, but no signature covers it (the signed text is
 * the own fields): anyone holding the room key could add words to a member's signed answer.
 */
const withProto = (r: HearthRecord, extra: Record<string, unknown>): HearthRecord => {
  const copy = { ...r } as Record<string, unknown>
  Object.defineProperty(copy, '__proto__', { value: extra, enumerable: true, writable: true, configurable: true })
  return copy as unknown as HearthRecord
}

describe('a hostile member adding fields through a prototype', () => {
  it("can't put words or guests into another member's signed answer", async () => {
    const ana = await peer()
    const ben = await peer()
    const { id } = expectOk(await c.invite(ana.room, 'event', event({ plusOnes: 3 })))
    await sync(ana, ben)
    expectOk(await c.respond(ana.room, id, { answer: 'yes' }))
    await sync(ana, ben)
    const yes = [...ben.room.ledger.responses.get(id)!.values()][0]
    const forged = withProto(yes, { note: 'I will not pay', plus: 3 })
    expect(recordKey(forged)).toBe(recordKey(yes))
    await inject(ben, forged)
    const shown = JSON.stringify(ben.room.invitation(id))
    expect(shown).not.toContain('I will not pay')
    expect(ben.room.invitation(id)!.going.map((r) => r.plus)).toEqual([0])
  })

  it("can't add content to another member's signed invitation", async () => {
    const ana = await peer()
    const ben = await peer()
    const { id } = expectOk(await c.invite(ana.room, 'event', event()))
    await sync(ana, ben)
    const create = [...ben.room.ledger.invites.get(id)!.values()][0] as HearthRecord & { c: object }
    const forged = { ...create, c: withProto(create.c as HearthRecord, { capacity: 1 }) } as unknown as HearthRecord
    await inject(ben, forged)
    expect(ben.room.invitation(id)!.content).not.toHaveProperty('capacity', 1)
  })
})
