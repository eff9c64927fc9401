import { describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { applySliced, asideMissing } from '../../../../src/sync/guard/index.ts'
import { ASIDE_MAX_BYTES } from '../../../../src/sync/guard/slices/aside.ts'
import { shaped, tags } from '../../fixtures/shaped.ts'

/** a room written in two halves by one phone: the second builds on the first; each half is large enough to be cut */
const halves = (n = 3000, extra?: (a: Y.Doc) => void) => {
  const ana = new Y.Doc()
  const records = ana.getMap('records')
  ana.transact(() => { for (let i = 0; i < n / 2; i++) records.set(...shaped(`a${i}`)) })
  const half = Y.encodeStateVector(ana)
  const first = Y.encodeStateAsUpdate(ana)
  ana.transact(() => { for (let i = n / 2; i < n; i++) records.set(...shaped(`a${i}`)); extra?.(ana) })
  return { n, first, second: Y.encodeStateAsUpdate(ana, half), whole: Y.encodeStateAsUpdate(ana) }
}

describe('guard: a large update nothing of which can be placed yet waits aside', () => {
  // a newcomer whose relay log lacks the room's start: each slice used to wait in Yjs, merged again with all that
  // waited, and the peer's complete copy was merged and checked with all of it
  it('the relay’s second half waits outside Yjs, and a peer’s complete copy places the whole room', async () => {
    const { n, second, whole } = halves()
    const ben = new Y.Doc()
    const passed: Uint8Array[] = []
    ben.on('update', (u: Uint8Array) => passed.push(u))
    const held = await applySliced(ben, second, 'relay', 'the relay')
    expect(ben.store.pendingStructs).toBeNull()
    expect(ben.getMap('records').size).toBe(0)
    expect(passed).toEqual([]) // nothing of it can be passed on
    expect(held?.size).toBe(1) // the relay still holds it: its cursor moves on
    expect(asideMissing(ben).length).toBe(1) // a hole the relay client asks for again
    await applySliced(ben, whole, 'peer', 'a peer', undefined, true)
    await vi.waitFor(() => expect(asideMissing(ben)).toEqual([]))
    expect(ben.getMap('records').size).toBe(n)
    expect(ben.store.pendingStructs).toBeNull()
  })

  it('what waits aside goes in once anything raises the state it starts at, and is checked as it goes', async () => {
    // the second half also carries content outside the records: it must be left out when it is finally placed
    const { n, first, second } = halves(3000, (a) => a.getText('notes').insert(0, 'not a record'))
    const ben = new Y.Doc()
    await applySliced(ben, second, 'relay', 'the relay')
    expect(ben.getMap('records').size).toBe(0)
    Y.applyUpdate(ben, first, 'stored') // the first half from elsewhere (this phone's own store)
    await vi.waitFor(() => expect(ben.getMap('records').size).toBe(n))
    expect(tags(ben.getMap('records').values())).toContain(`a${n - 1}`)
    expect(ben.getText('notes').toString()).toBe('')
    expect(ben.store.pendingStructs).toBeNull()
  })

  it('the same update asked for again is set aside once, and both callers are answered', async () => {
    const { n, second, whole } = halves()
    const ben = new Y.Doc()
    const [a, b] = await Promise.all([applySliced(ben, second, 'relay', 'the relay'), applySliced(ben, second, 'relay', 'the relay')])
    expect(a).toEqual(b)
    await applySliced(ben, whole, 'peer', 'a peer')
    await vi.waitFor(() => expect(ben.getMap('records').size).toBe(n))
  })

  it('a peer that sends ever more updates that can’t be placed fills no more than the bound aside', async () => {
    const ben = new Y.Doc()
    // each from a writer of its own whose first entries never come: large, distinct, never placeable
    const unplaceable = (i: number) => {
      const d = new Y.Doc()
      d.clientID = 1000 + i
      d.getMap('records').set('first', 1)
      const sv = Y.encodeStateVector(d)
      d.getMap('records').set(`k${i}`, 'x'.repeat(300_000))
      return Y.encodeStateAsUpdate(d, sv)
    }
    let sent = 0
    for (let i = 0; sent <= ASIDE_MAX_BYTES && i < 200; i++) {
      const u = unplaceable(i)
      sent += u.length
      await applySliced(ben, u, 'peer', 'a peer')
    }
    // past the bound, Yjs keeps them waiting as before: checked, never placed, never passed on
    expect(ben.store.pendingStructs).not.toBeNull()
    expect(ben.getMap('records').size).toBe(0)
  })
})
