import { describe, expect, it } from 'vitest'
import { openChains } from '../../../src/model/ledger/chains.ts'
import { contestedIn, headOf, type HearthRecord } from '../../../src/model/records/index.ts'

// chains judge records by seq, signature and prev only: these stand in for signed records
const AUTHOR = 'A'.repeat(43)
let n = 0
const sigOf = (find?: string, rest = 'x') => (find ?? `s${String(n++).padStart(9, '0')}`) + rest.repeat(76)
const rec = (seq: number, prev?: HearthRecord | string, find?: string, rest?: string): HearthRecord =>
  ({ t: 'mem', by: AUTHOR, seq, sig: sigOf(find, rest), prev: typeof prev === 'string' ? prev : prev && prev.sig.slice(0, 10) + 'h'.repeat(12) }) as unknown as HearthRecord

const random = (seed: number) => () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31
  return seed / 2 ** 31
}

/** what a fresh ledger would say of everything added so far: the whole chain judged at once */
const agrees = (chains: ReturnType<typeof openChains>, all: HearthRecord[]) => {
  const whole = contestedIn(all)
  for (const r of all) expect(chains.contested(r), `seq ${r.seq}`).toBe(whole.has(r))
  expect(chains.head(AUTHOR)).toBe(headOf(all))
}

describe('a chain judged as it grows, one live edit at a time', () => {
  it('says what judging the whole chain says, for appends, forks, skips, twins and records named before they came', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const rand = random(seed)
      const chains = openChains()
      const all: HearthRecord[] = []
      const add = (...rs: HearthRecord[]) => {
        for (const r of rs) { chains.add(r); all.push(r) }
        chains.settle()
        agrees(chains, all)
      }
      let head = rec(1)
      add(head)
      for (let step = 0; step < 40; step++) {
        const roll = rand()
        const pick = () => all[Math.floor(rand() * all.length)]
        if (roll < 0.55) add((head = rec(head.seq! + 1, head)))
        else if (roll < 0.62) add(rec(head.seq!, pick())) // a fork at the head's seq
        else if (roll < 0.69) add((head = rec(head.seq! + 1, pick()))) // skips over what came between
        else if (roll < 0.75) add(rec(head.seq! + 1, pick().prev ?? pick())) // names what another already names
        else if (roll < 0.78) add((head = rec(head.seq! + 1, head, pick().sig.slice(0, 10)))) // an earlier record's twin: its very signature
        else if (roll < 0.81) add((head = rec(head.seq! + 1, head, pick().sig.slice(0, 10), 'y'))) // its find, another signature
        else if (roll < 0.86) {
          // a later record first, then the one it names: the one it names must not look like a clean append
          const next = rec(head.seq! + 1, head)
          const after = rec(head.seq! + 2, next)
          add(after)
          add(next)
          head = after
        } else if (roll < 0.9) add((head = rec(head.seq! + 1, 'z'.repeat(10) + 'h'.repeat(12)))) // names one not here
        else if (roll < 0.95) {
          const a = rec(head.seq! + 1, head)
          const b = rec(head.seq! + 2, a)
          add(b, a) // two at once, out of order
          head = b
        } else {
          // a record that a record here already names by its find, arriving after it
          const find = `n${String(n++).padStart(9, '0')}`
          add(rec(head.seq! + 1, find + 'h'.repeat(12)))
          add(rec(head.seq! + 2, head, find))
        }
      }
    }
  })
})
