import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { addRanges, emptyVector, foldRanges, MAX_ALL_RANGES, outside, type Ranges } from '../../../../src/sync/relay/vectors.ts'
import { write } from './phones.ts'

/** a document written in three edits, and the update of each */
const threeEdits = () => {
  const doc = new Y.Doc()
  const edits: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => edits.push(u))
  for (const part of ['a', 'b', 'c']) doc.transact(() => { for (let i = 0; i < 3; i++) write(doc, `${part}${i}`) })
  return { doc, edits }
}
const keys = (doc: Y.Doc) => [...doc.getMap('records').keys()].length

describe("what the relay holds past a gap", () => {
  it('counts once the gap before it is filled', () => {
    const { doc, edits } = threeEdits()
    const none = Y.encodeStateVector(new Y.Doc())
    const ranges: Ranges = addRanges(addRanges(new Map(), edits[2]), edits[1])
    const before = foldRanges(none, ranges)
    expect(Y.decodeStateVector(before.vector).size).toBe(0)
    const after = foldRanges(none, addRanges(before.left, edits[0]))
    expect(after.vector).toEqual(Y.encodeStateVector(doc))
    expect(after.left.size).toBe(0)
  })

  it('leaves out of a push what lies in the ranges, and the rest still reads whole with them', () => {
    const { doc, edits } = threeEdits()
    const middle: Ranges = addRanges(new Map(), edits[1])
    const push = outside(Y.encodeStateAsUpdate(doc), middle)
    expect(push.length).toBeLessThan(Y.encodeStateAsUpdate(doc).length * 0.8)
    const reader = new Y.Doc()
    Y.applyUpdate(reader, push)
    // the last edit waits for the middle one, which the relay holds
    expect(keys(reader)).toBe(3)
    Y.applyUpdate(reader, edits[1])
    expect(keys(reader)).toBe(9)
    expect(reader.store.pendingStructs).toBeNull()
  })
})

describe('ranges kept past gaps', () => {
  it('an entry naming many clients past gaps is kept only up to the bound, so later reads stay short', () => {
    const ranges: Ranges = new Map()
    for (let client = 1; client <= MAX_ALL_RANGES + 500; client++) ranges.set(client, [[5, 6]])
    const { left } = foldRanges(emptyVector(), ranges)
    expect([...left.values()].reduce((n, l) => n + l.length, 0)).toBe(MAX_ALL_RANGES)
  })
})
