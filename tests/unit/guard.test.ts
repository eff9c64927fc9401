import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { refuseUpdate } from '../../src/sync/guard.ts'

const updateOf = (change: (doc: Y.Doc) => void, base?: Y.Doc) => {
  const doc = new Y.Doc()
  if (base) Y.applyUpdate(doc, Y.encodeStateAsUpdate(base))
  const sv = Y.encodeStateVector(doc)
  change(doc)
  return Y.encodeStateAsUpdate(doc, sv)
}

describe('updates from peers and the relay', () => {
  it('pass when they only set plain values in the records map, including overwrites', () => {
    const base = new Y.Doc()
    base.getMap('records').set('i/x/1/a', { t: 'inv', v: 1 })
    expect(refuseUpdate(Y.encodeStateAsUpdate(base))).toBeNull()
    expect(refuseUpdate(updateOf((d) => d.getMap('records').set('i/x/1/a', { t: 'inv', v: 2 }), base))).toBeNull()
    expect(refuseUpdate(updateOf((d) => d.getMap('records').delete('i/x/1/a'), base))).toBeNull()
  })

  it('are refused when they carry another root type, nested types, text or garbage', () => {
    expect(refuseUpdate(updateOf((d) => d.getMap('other').set('k', 1)))).toMatch(/outside/)
    expect(refuseUpdate(updateOf((d) => d.getArray('records2').push([1])))).toMatch(/outside/)
    expect(refuseUpdate(updateOf((d) => d.getMap('records').set('k', new Y.Map())))).toMatch(/plain value/)
    expect(refuseUpdate(updateOf((d) => d.getText('t').insert(0, 'hi')))).toMatch(/plain value|outside/)
    expect(refuseUpdate(new Uint8Array([1, 2, 3, 4, 5]))).not.toBeNull()
  })
})
