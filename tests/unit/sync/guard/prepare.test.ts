import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { createIdentity } from '../../../../src/identity/index.ts'
import { commands as c, recordKey } from '../../../../src/model/index.ts'
import { applyGuarded, emptyDeleteSet, encodeUpdate } from '../../../../src/sync/guard/index.ts'
import { prepareUpdate } from '../../../../src/sync/guard/slices/prepare.ts'
import { expectOk, forge, peer, project } from '../../fixtures/model.ts'

const records = (doc: Y.Doc) => doc.getMap<unknown>('records')

/** what the page does with a worker's slices (slices/apply.ts) */
const applyPrepared = (doc: Y.Doc, update: Uint8Array, held?: boolean) => {
  const held_ = held ? [...Y.decodeStateVector(Y.encodeStateVector(doc))].filter(([client]) => client !== doc.clientID) : undefined
  const { parts, shaped } = prepareUpdate(update, { held: held_, size: 50 })
  parts.forEach((p, i) => applyGuarded(doc, p, 'peer', 'test', undefined, shaped[i]))
  return parts
}

describe('a large update prepared in a worker (the guard’s stateless checks, then slices)', () => {
  it('leaves out junk values as the guard does on the whole update, so the page may skip that check', async () => {
    const a = await peer()
    expectOk(await c.inviteMany(a.room, Array.from({ length: 120 }, (_, i) => ({ kind: 'project' as const, content: project({ title: `P ${i}` }) }))))
    const mal = await createIdentity()
    const real = await forge(mal, { t: 'mem', n: 1, by: mal.id, name: 'Mal', seq: 1 })
    const src = new Y.Doc()
    Y.applyUpdate(src, Y.encodeStateAsUpdate(a.doc))
    records(src).set('junk/object', { fine: true })
    records(src).set('i/nope/1/x', { t: 'inv', v: 1, by: mal.id })
    records(src).set(recordKey(real), { t: 'mem', junk: true })
    records(src).set(recordKey(real), real)
    const update = Y.encodeStateAsUpdate(src)
    const sliced = new Y.Doc()
    expect(applyPrepared(sliced, update).length).toBeGreaterThan(2)
    const whole = new Y.Doc()
    applyGuarded(whole, update, 'peer', 'test')
    expect(records(sliced).toJSON()).toEqual(records(whole).toJSON())
    expect(records(sliced).get(recordKey(real))).toEqual(real)
    expect(JSON.stringify(sliced.toJSON())).not.toMatch(/fine|junk/)
  })

  it('weighs each value with its own slice when nothing is written over, and leaves out the same junk', async () => {
    const a = await peer()
    expectOk(await c.inviteMany(a.room, Array.from({ length: 120 }, (_, i) => ({ kind: 'project' as const, content: project({ title: `P ${i}` }) }))))
    const src = new Y.Doc()
    Y.applyUpdate(src, Y.encodeStateAsUpdate(a.doc))
    records(src).set('junk/object', { fine: true })
    records(src).set('i/nope/1/x', { t: 'inv', v: 1, by: 'nobody' })
    const update = Y.encodeStateAsUpdate(src)
    const { refused } = prepareUpdate(update, { size: 50 })
    expect(refused).toEqual(['values that are no record at their key'])
    const sliced = new Y.Doc()
    expect(applyPrepared(sliced, update).length).toBeGreaterThan(2)
    const whole = new Y.Doc()
    applyGuarded(whole, update, 'peer', 'test')
    expect(records(sliced).toJSON()).toEqual(records(whole).toJSON())
    expect(records(sliced).size).toBe(records(a.doc).size)
    expect(JSON.stringify(sliced.toJSON())).not.toMatch(/fine|nobody/)
  })

  it('does not vouch for a value whose key only the document knows: the page still weighs it', async () => {
    const mal = await createIdentity()
    const real = await forge(mal, { t: 'mem', n: 1, by: mal.id, name: 'Mal', seq: 1 })
    const src = new Y.Doc()
    records(src).set(recordKey(real), real)
    const ana = new Y.Doc()
    Y.applyUpdate(ana, Y.encodeStateAsUpdate(src))
    const before = Y.encodeStateVector(src)
    // junk written over the record: in the update alone its key is unknown (its origin is the record, which Ana holds)
    records(src).set(recordKey(real), { t: 'mem', junk: 'x'.repeat(100) })
    const { shaped } = prepareUpdate(Y.encodeStateAsUpdate(src, before))
    expect(shaped[0]).toBe(false)
    applyPrepared(ana, Y.encodeStateAsUpdate(src, before))
    expect(records(ana).get(recordKey(real))).toEqual(real)
  })

  it('drops what the document holds already, but never its own client’s structs', async () => {
    const a = await peer()
    expectOk(await c.inviteMany(a.room, Array.from({ length: 60 }, (_, i) => ({ kind: 'project' as const, content: project({ title: `P ${i}` }) }))))
    const ben = new Y.Doc()
    Y.applyUpdate(ben, Y.encodeStateAsUpdate(a.doc))
    records(ben).set('ben/own', 1)
    expectOk(await c.inviteMany(a.room, [{ kind: 'project' as const, content: project({ title: 'Later' }) }]))
    const update = Y.encodeStateAsUpdate(a.doc)
    const { parts } = prepareUpdate(update, { held: [...Y.decodeStateVector(Y.encodeStateVector(ben))].filter(([client]) => client !== ben.clientID) })
    expect(parts.reduce((n, p) => n + Y.decodeUpdate(p).structs.length, 0)).toBeLessThan(Y.decodeUpdate(update).structs.length / 10)
    applyPrepared(ben, update, true)
    expect(records(ben).toJSON()).toEqual({ ...records(a.doc).toJSON(), 'ben/own': 1 })
  })

  it('refuses whole what the guard refuses whole: a client’s structs out of order', () => {
    const src = new Y.Doc()
    records(src).set('a', 1)
    records(src).set('b', 2)
    const [one, two] = Y.decodeUpdate(Y.encodeStateAsUpdate(src)).structs
    // two blocks of one client, the later clock first (each encoded alone is: 1 block ‖ block ‖ no deletions)
    const block = (s: typeof one) => encodeUpdate([s], emptyDeleteSet()).slice(1, -1)
    const crafted = new Uint8Array([2, ...block(two), ...block(one), 0])
    expect(applyGuarded(new Y.Doc(), crafted, 'peer', 'test')).toBeNull()
    expect(() => prepareUpdate(crafted)).toThrow()
  })
})
