import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { commands as c } from '../../../../src/model/index.ts'
import { applyGuarded, applySliced, emptyDeleteSet, encodeUpdate, sliceUpdate } from '../../../../src/sync/guard/index.ts'
import { expectOk, peer, project } from '../../fixtures/model.ts'

const big = async (n: number) => {
  const a = await peer()
  expectOk(await c.inviteMany(a.room, Array.from({ length: n }, (_, i) => ({ kind: 'project' as const, content: project({ title: `Project ${i}` }) }))))
  return a
}

describe('large updates are applied in slices', () => {
  it('cut into bounded sub-updates, dependencies first, that add up to the whole', async () => {
    const a = await big(1500)
    // three members' overwrites (restores) across clients, so items build on others' items
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a.doc))
    const records = b.getMap('records')
    b.transact(() => { for (const k of [...records.keys()].slice(0, 400)) records.set(k, records.get(k)) })
    const whole = Y.mergeUpdates([Y.encodeStateAsUpdate(a.doc), Y.encodeStateAsUpdate(b)])
    const parts = sliceUpdate(whole, 300)
    expect(parts.length).toBeGreaterThan(5)
    for (const p of parts) expect(Y.decodeUpdate(p).structs.length).toBeLessThanOrEqual(300)
    const sliced = new Y.Doc()
    for (const p of parts) expect(applyGuarded(sliced, p, null, 'test')).not.toBeNull()
    expect(sliced.store.pendingStructs).toBeNull()
    const one = new Y.Doc()
    applyGuarded(one, whole, null, 'test')
    expect(sliced.getMap('records').toJSON()).toEqual(one.getMap('records').toJSON())
    expect(Y.encodeStateVector(sliced)).toEqual(Y.encodeStateVector(one))
  }, 60_000)

  it('give the page turns while a large room arrives', async () => {
    const a = await big(6000)
    const update = Y.encodeStateAsUpdate(a.doc)
    const n = new Y.Doc()
    // the page's own work: a timer that runs whenever it gets a turn, noting how much of the room it sees by then
    const seen: number[] = []
    let on = true
    const tick = () => { seen.push(n.getMap('records').size); if (on) setTimeout(tick, 0) }
    setTimeout(tick, 0)
    const held = await applySliced(n, update, 'relay', 'test')
    on = false
    expect(held?.get(a.doc.clientID)?.[1]).toBe(Y.getState(a.doc.store, a.doc.clientID))
    const whole = a.doc.getMap('records').size
    expect(n.getMap('records').size).toBe(whole)
    // it saw the room part-way in after every slice but the last: the page had a turn between each two slices
    const slices = sliceUpdate(update).length
    expect(slices).toBeGreaterThan(2)
    expect(new Set(seen.filter((size) => size > 0 && size < whole)).size).toBe(slices - 1)
  }, 60_000)

  it('keep the guard’s rules across slices: an overwrite in a later slice than the record is still refused', async () => {
    const a = await big(3)
    const hal = new Y.Doc({ gc: false })
    Y.applyUpdate(hal, Y.encodeStateAsUpdate(a.doc))
    for (const k of hal.getMap('records').keys()) hal.getMap('records').set(k, { junk: true })
    const n = await peer()
    for (const p of sliceUpdate(Y.encodeStateAsUpdate(hal), 1)) applyGuarded(n.doc, p, 'hal', 'hal')
    await n.room.ledger.settled()
    expect(n.room.invitations()).toHaveLength(3)
  })
})

describe('a large update is still judged whole where the guard refuses whole', () => {
  it('a garbage-collected block hidden in a large update refuses the update, not just its slice', async () => {
    const a = await big(1500)
    const { structs } = Y.decodeUpdate(Y.encodeStateAsUpdate(a.doc))
    // a stranger's client: its first block is "collected", then plain values after it
    const client = 424242
    const items = structs.slice(0, 1400).map((s, i) => new Y.Item(Y.createID(client, i + 1), null, null, null, null, 'records' as never, `x${i}`, (s as Y.Item).content))
    const crafted = encodeUpdate([new Y.GC(Y.createID(client, 0), 1), ...items], emptyDeleteSet())
    expect(crafted.length).toBeGreaterThan(256 * 1024)
    const d = new Y.Doc()
    expect(await applySliced(d, crafted, null, 'test')).toBeNull()
    expect(d.getMap('records').size).toBe(0)
  }, 60_000)
})
