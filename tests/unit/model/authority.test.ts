import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createIdentity, sign, type Identity } from '../../../src/identity/index.ts'
import { canonical, commands as c, recordKey, type HearthRecord } from '../../../src/model/index.ts'
import { event, expectOk, peer, project, sync, type Peer } from '../fixtures/model.ts'

/** What a malicious or broken peer could put into the shared document. */
const forge = async (signer: Identity, record: Record<string, unknown>) => {
  const body = { at: Date.now(), ...record }
  return { ...body, sig: await sign(signer, canonical(body as HearthRecord)) } as HearthRecord
}
const inject = async (p: Peer, key: string, value: unknown) => {
  const attacker = new Y.Doc()
  Y.applyUpdate(attacker, Y.encodeStateAsUpdate(p.doc))
  attacker.getMap('records').set(key, value)
  Y.applyUpdate(p.doc, Y.encodeStateAsUpdate(attacker, Y.encodeStateVector(p.doc)))
  await p.room.ledger.settled()
}

describe('authority', () => {
  it('ignores a guest’s signed edit of a host’s invitation', async () => {
    const [a, b] = [await peer(), await peer()]
    const { id } = expectOk(await c.invite(a.room, 'project', project()))
    await sync(a, b)
    const r = await forge(b.me, { t: 'inv', id, v: 2, by: b.me.id, op: 'edit', kind: 'project', c: project({ title: 'hijacked' }) })
    await inject(a, recordKey(r), r)
    expect(a.room.invitation(id)!.content.title).toBe('Community garden')
    expect(a.room.invitation(id)!.refused).toBe(1)
    const stepIn = await forge(b.me, { t: 'inv', id, v: 3, by: b.me.id, op: 'accept' })
    await inject(a, recordKey(stepIn), stepIn)
    expect(a.room.invitation(id)!.hosts).toEqual([a.me.id])
  })

  it('ignores a record signed with the wrong key, and an answer made for someone else', async () => {
    const [a, b] = [await peer(), await peer()]
    const { id } = expectOk(await c.invite(a.room, 'event', event()))
    const mallory = await createIdentity()
    const asA = await forge(mallory, { t: 'inv', id, v: 2, by: a.me.id, op: 'cancel' })
    await inject(a, recordKey(asA), asA)
    const forB = await forge(mallory, { t: 'res', id, n: 1, by: b.me.id, a: 'yes' })
    await inject(a, recordKey(forB), forB)
    const v = a.room.invitation(id)!
    expect(v.status).toBe('open')
    expect(v.going).toEqual([])
    expect(a.room.ledger.invalid()).toBe(2)
  })

  it('ignores a second "create" for an id somebody else made', async () => {
    const [a, b] = [await peer(), await peer()]
    const { id } = expectOk(await c.invite(a.room, 'event', event()))
    const mine = [...a.room.ledger.invites.get(id)!.values()][0] as HearthRecord & { nonce: string }
    const squat = await forge(b.me, { t: 'inv', id, v: 1, by: b.me.id, op: 'create', kind: 'event', nonce: mine.nonce, c: event({ title: 'mine' }) })
    await inject(a, recordKey(squat), squat)
    expect(a.room.invitation(id)!.content.title).toBe('Potluck')
    expect(a.room.invitation(id)!.hosts).toEqual([a.me.id])
  })

  it('ignores oversized fields, garbage values and records at the wrong key, and counts them', async () => {
    const a = await peer()
    const { id } = expectOk(await c.invite(a.room, 'event', event()))
    await c.respond(a.room, id, { answer: 'yes' })
    const before = JSON.stringify(a.room.invitations())
    const huge = await forge(a.me, { t: 'res', id, n: 9, by: a.me.id, a: 'maybe', note: 'x'.repeat(5000) })
    const moved = await forge(a.me, { t: 'res', id, n: 10, by: a.me.id, a: 'no' })
    const badContent = await forge(a.me, { t: 'inv', id, v: 3, by: a.me.id, op: 'edit', kind: 'event', c: { title: 5 } })
    const garbage: [string, unknown][] = [
      [recordKey(huge), huge], ['r/elsewhere', moved], [recordKey(badContent), badContent],
      ['i/x/1/y', 'not a record'], ['m/zz/1', null], ['weird', { t: 'inv', by: [], at: NaN }], ['deep', [[[[[[]]]]]]],
    ]
    for (const [key, value] of garbage) await inject(a, key, value)
    expect(a.room.ledger.invalid()).toBe(garbage.length)
    expect(JSON.stringify(a.room.invitations())).toBe(before)
  })

  it('puts back a valid record that a peer overwrote or deleted', async () => {
    const [a, b] = [await peer(), await peer()]
    const { id } = expectOk(await c.invite(a.room, 'project', project()))
    const key = [...a.room.ledger.invites.get(id)!.keys()][0]
    await inject(a, key, { t: 'inv', garbage: true })
    expect(a.room.invitation(id)!.content.title).toBe('Community garden')
    expect(a.doc.getMap('records').get(key)).toMatchObject({ op: 'create', id })
    const attacker = new Y.Doc()
    Y.applyUpdate(attacker, Y.encodeStateAsUpdate(a.doc))
    attacker.getMap('records').delete(key)
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(attacker, Y.encodeStateVector(a.doc)))
    await a.room.ledger.settled()
    expect(a.doc.getMap('records').get(key)).toMatchObject({ op: 'create', id })
    await sync(a, b)
    expect(b.room.invitation(id)!.content.title).toBe('Community garden')
  })
})
