import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { applyGuarded } from '../../../../src/sync/guard/index.ts'

describe('guard: updates that arrive out of order', () => {
  it('an update that waits for an earlier one is applied once that one comes, nothing lost', () => {
    const a = new Y.Doc()
    const m = a.getMap('records')
    m.set('k1', { v: 1 })
    const sv1 = Y.encodeStateVector(a)
    const u1 = Y.encodeStateAsUpdate(a)
    m.set('k2', { v: 2 })
    const u2 = Y.encodeStateAsUpdate(a, sv1)
    const other = new Y.Doc()
    other.getMap('records').set('o', { v: 3 })
    for (const between of [false, true]) {
      const d = new Y.Doc()
      applyGuarded(d, u2, null, 'test')
      expect(d.store.pendingStructs).not.toBeNull()
      if (between) applyGuarded(d, Y.encodeStateAsUpdate(other), null, 'test')
      applyGuarded(d, u1, null, 'test')
      expect(d.getMap('records').toJSON()).toEqual(between ? { k1: { v: 1 }, k2: { v: 2 }, o: { v: 3 } } : { k1: { v: 1 }, k2: { v: 2 } })
      expect(d.store.pendingStructs).toBeNull()
    }
  })
})
