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
    let turns = 0
    let longest = 0
    let last = performance.now()
    const tick = setInterval(() => { const now = performance.now(); longest = Math.max(longest, now - last); last = now; turns++ }, 1)
    last = performance.now()
    const held = await applySliced(n, update, 'relay', 'test')
    clearInterval(tick)
    expect(held?.get(a.doc.clientID)?.[1]).toBe(Y.getState(a.doc.store, a.doc.clientID))
    expect(n.getMap('records').size).toBe(a.doc.getMap('records').size)
    expect(turns).toBeGreaterThan(2)
    console.log(`sliced apply of ${update.length} bytes: ${turns} turns, longest ${longest.toFixed(0)} ms without one (here the cutting runs inline: no worker in Node)`)
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
