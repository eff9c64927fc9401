import { describe, expect, it } from 'vitest'
import { canonical, type HearthRecord } from '../../../src/model/index.ts'

/** The signed text as it was first written: the faster spelling must give it byte for byte, whatever the value. */
const reference = (value: unknown, top = false): string => {
  if (Array.isArray(value)) return `[${value.map((v) => reference(v)).join(',')}]`
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>
    const keys = Object.keys(obj).filter((k) => obj[k] !== undefined && !(top && k === 'sig')).sort()
    return `{${keys.map((k) => `${JSON.stringify(k)}:${reference(obj[k])}`).join(',')}}`
  }
  return JSON.stringify(value)
}

let seed = 11
const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) % n
const KEYS = ['t', 'by', 'sig', 'a', 'b', '10', '2', '1', 'é', 'Z', '__proto__x', '"q"', 'a\u2028', '']
const leaf = (): unknown => [undefined, null, true, false, 0, -0, 1.5, NaN, 1e21, -7, '', 'x', 'é"\\\n', '\ud800', () => 1][rand(15)]
const value = (depth: number): unknown => {
  if (depth > 3 || rand(3) === 0) return leaf()
  if (rand(2)) {
    const list: unknown[] = Array.from({ length: rand(5) }, () => value(depth + 1))
    if (rand(4) === 0) list.length += 2 // holes
    return list
  }
  const obj: Record<string, unknown> = {}
  for (let i = rand(6); i > 0; i--) obj[KEYS[rand(KEYS.length)]] = value(depth + 1)
  return obj
}

describe('canonical text', () => {
  it('is the reference spelling for any value a peer could send, nested sig, holes and odd keys included', () => {
    for (let i = 0; i < 5000; i++) {
      const v = { ...(value(0) as object), sig: 'S', by: 'B', nested: value(1) }
      expect(canonical(v as unknown as HearthRecord)).toBe(reference(v, true))
    }
  })

  it("spells numbers and booleans as JSON does, in records and in lists", () => {
    const nums = [0, -0, 1, -1, 0.1, 1e-7, 1e21, -1e-7, 123456789012345680000, 2 ** 53, NaN, Infinity, -Infinity, Number.MIN_VALUE, true, false, null]
    const v = { t: 'mem', by: 'B', sig: 'S', list: nums, ...Object.fromEntries(nums.map((n, i) => [`k${i}`, n])) }
    expect(canonical(v as unknown as HearthRecord)).toBe(reference(v, true))
  })

  it('sees only own keys, as the reference does, under a prototype a decoded value can carry', () => {
    const proto = { x: 1, sig: 'no' }
    const v = Object.assign(Object.create(proto), { t: 'mem', by: 'B', c: Object.assign(Object.create(proto), { y: [1, , 2] }), sig: 'S' })
    expect(canonical(v)).toBe(reference(v, true))
  })
})

describe('canonical text of values with one set of keys', () => {
  it('sorts each order of the same keys, again after other orders were seen', () => {
    const a = { t: 'mem', by: 'B', n: 1, sig: 'S', c: { z: 1, a: 2 } }
    const b = { sig: 'S', n: 2, by: 'B', t: 'mem', c: { a: 3, z: 4 } }
    for (let i = 0; i < 3; i++) {
      for (const v of [a, b, { ...a, n: 3 + i }, { ...b, by: `B${i}` }]) expect(canonical(v as unknown as HearthRecord)).toBe(reference(v, true))
      // more key lists than are kept, so the first ones are spelt afresh
      for (let k = 0; k < 20; k++) expect(canonical({ [`k${k}`]: k, by: 'B', sig: 'S' } as unknown as HearthRecord)).toBe(reference({ [`k${k}`]: k, by: 'B' }))
    }
  })
})
