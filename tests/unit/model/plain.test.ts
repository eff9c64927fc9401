import { describe, expect, it } from 'vitest'
import { isPlain } from '../../../src/model/records/index.ts'

/** A value lib0 decodes with a key "__proto__" carries fields that are not its own: only plain values are records. */
describe('isPlain', () => {
  const under = (proto: object, own: object) => Object.assign(Object.create(proto), own)

  it('takes plain objects and lists, holes and nulls included', () => {
    expect(isPlain({ t: 'inv', c: { title: 'x', list: [1, null, , { a: [[]] }] }, n: null })).toBe(true)
    expect(isPlain([{}, [], 'x', 0])).toBe(true)
  })

  it('refuses a prototype at any depth, in an object or a list', () => {
    expect(isPlain(under({ sig: 'x' }, { t: 'inv' }))).toBe(false)
    expect(isPlain({ t: 'inv', c: under({ title: 'x' }, {}) })).toBe(false)
    expect(isPlain({ c: { list: [1, under([], { a: 1 })] } })).toBe(false)
    expect(isPlain({ c: [[under(null as unknown as object, {})]] })).toBe(false)
  })

  it('refuses a list that is not a list, and a list under another prototype', () => {
    expect(isPlain({ c: Object.setPrototypeOf([1], Object.prototype) })).toBe(false)
    expect(isPlain({ c: Object.setPrototypeOf({ 0: 1, length: 1 }, Array.prototype) })).toBe(false)
    expect(isPlain({ c: new Uint8Array(2) })).toBe(false)
  })

  it('refuses a value nested deeper than any record', () => {
    let deep: unknown = {}
    for (let i = 0; i < 20; i++) deep = { d: deep }
    expect(isPlain(deep)).toBe(false)
  })
})
