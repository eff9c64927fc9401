import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { applyGuarded } from '../../../../src/sync/guard/index.ts'
import { shaped, tags } from '../../fixtures/shaped.ts'

describe('guard: updates that arrive out of order', () => {
  it('an update that waits for an earlier one is applied once that one comes, nothing lost', () => {
    const a = new Y.Doc()
    const m = a.getMap('records')
    m.set(...shaped('k1'))
    const sv1 = Y.encodeStateVector(a)
    const u1 = Y.encodeStateAsUpdate(a)
    m.set(...shaped('k2'))
    const u2 = Y.encodeStateAsUpdate(a, sv1)
    const other = new Y.Doc()
    other.getMap('records').set(...shaped('o'))
    for (const between of [false, true]) {
      const d = new Y.Doc()
      applyGuarded(d, u2, null, 'test')
      expect(d.store.pendingStructs).not.toBeNull()
      if (between) applyGuarded(d, Y.encodeStateAsUpdate(other), null, 'test')
      applyGuarded(d, u1, null, 'test')
      expect(tags(d.getMap('records').values())).toEqual(between ? ['k1', 'k2', 'o'] : ['k1', 'k2'])
      expect(d.store.pendingStructs).toBeNull()
    }
  })
})
