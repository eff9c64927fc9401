import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { emptyDeleteSet, encodeUpdate } from '../../../../src/sync/guard/index.ts'
import { decodeShape } from '../../../../src/sync/guard/decode.ts'

/** an update with plain values of every kind lib0 writes, an overwrite, a deletion and a second client */
const mixed = () => {
  const a = new Y.Doc()
  a.clientID = 7
  const m = a.getMap<unknown>('records')
  m.set('one', { by: 'x', n: 1, f: 1.5, neg: -300, big: 2 ** 40, t: true, no: false, nil: null, list: [1, 'two', { three: [3] }], bytes: new Uint8Array([1, 2, 3]), text: 'héllo ✓' })
  m.set('two', 'plain')
  m.set('one', { replaced: true })
  const b = new Y.Doc()
  b.clientID = 3
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
  b.getMap<unknown>('records').set('three', [undefined, 0])
  b.getMap<unknown>('records').delete('two')
  return Y.encodeStateAsUpdate(b)
}

const shape = (d: ReturnType<typeof Y.decodeUpdate>) => ({
  structs: d.structs.map((s) => ({
    kind: s.constructor.name, id: s.id, length: s.length,
    ...(s instanceof Y.Item ? { origin: s.origin, rightOrigin: s.rightOrigin, parent: s.parent, parentSub: s.parentSub, content: s.content instanceof Y.ContentAny ? s.content.arr : s.content.getLength() } : {}),
  })),
  ds: [...d.ds.clients].map(([c, items]) => [c, items.map((i) => [i.clock, i.len])]),
})

describe('reading an update’s shape without its values (guard/decode.ts)', () => {
  it('reads what Y.decodeUpdate reads, and writes back the same bytes with or without reading the values', () => {
    const update = mixed()
    const fast = decodeShape(update)
    // read by the fast path (not handed to Yjs), its values not read yet
    expect(fast.structs.filter((s) => s instanceof Y.Item && s.content instanceof Y.ContentAny).every((s) => (s as Y.Item).content && (s as any).content.read === null)).toBe(true)
    expect(encodeUpdate(fast.structs, fast.ds)).toEqual(encodeUpdate(Y.decodeUpdate(update).structs, Y.decodeUpdate(update).ds))
    expect(shape(decodeShape(update))).toEqual(shape(Y.decodeUpdate(update)))
    // read, then written: the same bytes again
    expect(encodeUpdate(fast.structs, fast.ds)).toEqual(encodeUpdate(Y.decodeUpdate(update).structs, Y.decodeUpdate(update).ds))
    // a slice of it, as the guard and the worker write them
    const some = decodeShape(update).structs.slice(1, 3)
    expect(encodeUpdate(some, emptyDeleteSet())).toEqual(encodeUpdate(Y.decodeUpdate(update).structs.slice(1, 3), emptyDeleteSet()))
  })

  it('leaves anything but plain values to Yjs: text, nested types and garbage-collected blocks read as Yjs reads them', () => {
    const doc = new Y.Doc()
    doc.getText('t').insert(0, 'hi')
    doc.getMap('records').set('nested', new Y.Map())
    const update = Y.encodeStateAsUpdate(doc)
    expect(shape(decodeShape(update))).toEqual(shape(Y.decodeUpdate(update)))
    const gc = encodeUpdate([new Y.GC(Y.createID(5, 0), 3)], emptyDeleteSet())
    expect(shape(decodeShape(gc))).toEqual(shape(Y.decodeUpdate(gc)))
  })

  it('throws where Yjs throws: cut short or made up', () => {
    const update = mixed()
    for (const cut of [3, 20, Math.floor(update.length / 2), update.length - 2]) {
      const bad = update.subarray(0, cut)
      let yjs: unknown = null
      try { Y.decodeUpdate(bad) } catch (e) { yjs = e }
      let ours: unknown = null
      try { decodeShape(bad) } catch (e) { ours = e }
      expect(!!ours).toBe(!!yjs)
    }
    expect(() => decodeShape(new Uint8Array([1, 1, 1, 0, 0x88, 1, 1, 5]))).toThrow()
  })
})
