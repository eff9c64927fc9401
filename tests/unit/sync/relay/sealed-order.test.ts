import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { roomKeys, seal } from '../../../../src/crypto/index.ts'
import { createOrder } from '../../../../src/sync/relay/index.ts'
import { openEntry, openSnapshot, sealCover, sealEntry } from '../../../../src/sync/relay/index.ts'

const keys = roomKeys(`sealed ${Math.random()}`)
const update = Y.encodeStateAsUpdate(new Y.Doc())

describe('what the relay may not say in clear', () => {
  it('an entry carries its position sealed; an older entry opens without one; neither opens as the other kind', () => {
    const sealed = sealEntry(keys, { stream: 'anaanaanaana', n: 7 }, update)
    expect(openEntry(keys, sealed)).toEqual({ pos: { stream: 'anaanaanaana', n: 7 }, update })
    expect(openEntry(keys, seal(keys, 'update', update))).toEqual({ update })
    expect(openSnapshot(keys, sealed)).toBeNull()
    expect(openEntry(roomKeys('another room'), sealed)).toBeNull()
  })

  it('a snapshot carries its cover sealed; an older snapshot opens without one', () => {
    const cover = { seq: 5, heads: { anaanaanaana: 3, benbenbenben: 2 }, prev: new Uint8Array([1, 2]) }
    const opened = openSnapshot(keys, sealCover(keys, cover, update))
    expect(opened?.cover).toEqual(cover)
    expect(openSnapshot(keys, seal(keys, 'snapshot', update))?.cover).toBeUndefined()
  })
})

describe('what a phone has merged of the streams', () => {
  it('sees a gap in a stream, and closes it when the withheld entry comes', () => {
    const o = createOrder()
    o.add({ stream: 'a', n: 1 })
    o.add({ stream: 'a', n: 3 })
    expect(o.gap()).toBe(true)
    expect(o.has({ stream: 'a', n: 3 })).toBe(true)
    expect(o.has({ stream: 'a', n: 2 })).toBe(false)
    o.add({ stream: 'a', n: 2 })
    expect(o.gap()).toBe(false)
    expect(o.heads()).toEqual({ a: 3 })
  })

  it('takes a cover’s heads, folding what it held above them, and claiming nothing past them', () => {
    const o = createOrder({ b: 1 })
    o.add({ stream: 'a', n: 6 })
    o.add({ stream: 'a', n: 8 })
    o.cover({ a: 5, b: 0 })
    expect(o.heads()).toEqual({ a: 6, b: 1 })
    expect(o.gap()).toBe(true)
    o.cover({ a: 7 })
    expect(o.heads()).toEqual({ a: 8, b: 1 })
    expect(o.gap()).toBe(false)
  })
})
