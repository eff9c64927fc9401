import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { applyTelling, TELL_FROM } from '../../../../src/sync/guard/tell.ts'

const big = () => {
  const doc = new Y.Doc()
  const m = doc.getMap<unknown>('records')
  for (let i = 0; i < 400; i++) m.set(`k${i}`, { text: 'x'.repeat(300), i })
  const update = Y.encodeStateAsUpdate(doc)
  expect(update.length).toBeGreaterThan(TELL_FROM)
  return update
}

describe('a large update told to the document’s listeners as it came (guard/tell.ts)', () => {
  it('tells every listener once, with bytes that make the same document, and only when it changed something', () => {
    const update = big()
    const doc = new Y.Doc()
    const told: [Uint8Array, unknown][] = []
    const other: unknown[] = []
    doc.on('update', (u: Uint8Array, origin: unknown) => told.push([u, origin]))
    doc.on('update', (_u: Uint8Array, origin: unknown) => other.push(origin))
    applyTelling(doc, update, 'relay')
    expect(told.length).toBe(1)
    expect(other).toEqual(['relay'])
    expect(told[0][1]).toBe('relay')
    const copy = new Y.Doc()
    Y.applyUpdate(copy, told[0][0])
    expect(copy.getMap('records').toJSON()).toEqual(doc.getMap('records').toJSON())
    // held already: nobody is told, as Yjs tells nobody
    applyTelling(doc, update, 'relay')
    expect(told.length).toBe(1)
    // and the listeners are still there for what comes next
    doc.getMap('records').set('mine', 1)
    expect(told.length).toBe(2)
    expect(other.length).toBe(2)
  })

  it('an update holding structs nobody can place (an origin no one has) is told as what integrated, not as it came', () => {
    const later = new Y.Doc()
    later.getArray<unknown>('notes').insert(0, ['first'])
    const before = Y.encodeStateVector(later)
    later.getArray<unknown>('notes').insert(1, ['waits for the first'])
    // the second insert names the first as its origin: without the first, it waits
    const orphan = Y.encodeStateAsUpdate(later, before)
    const honest = big()
    const merged = Y.mergeUpdates([honest, orphan])
    const doc = new Y.Doc()
    const told: Uint8Array[] = []
    doc.on('update', (u: Uint8Array) => told.push(u))
    applyTelling(doc, merged, 'relay')
    expect(told.length).toBe(1)
    expect((doc.store as unknown as { pendingStructs: unknown }).pendingStructs).not.toBeNull()
    const copy = new Y.Doc()
    Y.applyUpdate(copy, told[0])
    expect(copy.getMap('records').toJSON()).toEqual(doc.getMap('records').toJSON())
    // what waits is not passed on
    expect((copy.store as unknown as { pendingStructs: unknown }).pendingStructs).toBeNull()
  })
})
