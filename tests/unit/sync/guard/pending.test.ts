import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { applyGuarded } from '../../../../src/sync/guard/index.ts'
import { shaped, tags } from '../../fixtures/shaped.ts'

/** k1 then k2 by one writer: u2 waits for u1 */
const twoInTurn = () => {
  const a = new Y.Doc()
  const m = a.getMap('records')
  m.set(...shaped('k1'))
  const sv1 = Y.encodeStateVector(a)
  const u1 = Y.encodeStateAsUpdate(a)
  m.set(...shaped('k2'))
  return { u1, u2: Y.encodeStateAsUpdate(a, sv1) }
}

describe('guard: updates that arrive out of order', () => {
  it('an update that waits for an earlier one is applied once that one comes, nothing lost', () => {
    const { u1, u2 } = twoInTurn()
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

describe('guard: what waits is merged and checked again only by an update that can complete it', () => {
  // a room whose relay entries came out of order: each slice used to merge and check all that waited (megabytes)
  it('updates in between leave what waits as it was, and it is placed once what it misses comes', () => {
    const { u1, u2 } = twoInTurn()
    const d = new Y.Doc()
    applyGuarded(d, u2, null, 'test')
    const waiting = d.store.pendingStructs
    expect(waiting).not.toBeNull()
    const others: string[] = []
    for (let i = 0; i < 20; i++) {
      const other = new Y.Doc()
      other.getMap('records').set(...shaped(`o${i}`))
      others.push(`o${i}`)
      applyGuarded(d, Y.encodeStateAsUpdate(other), null, 'test')
      expect(d.store.pendingStructs).toBe(waiting)
      expect(d.store.pendingStructs!.update).toBe(waiting!.update)
    }
    applyGuarded(d, u1, null, 'test')
    expect(d.store.pendingStructs).toBeNull()
    expect(tags(d.getMap('records').values())).toEqual(['k1', 'k2', ...others].sort())
  })
})
