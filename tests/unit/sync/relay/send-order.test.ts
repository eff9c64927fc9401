import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { afterHandlers } from '../../../../src/sync/relay/outbox.ts'
import { write } from './phones.ts'

describe('an edit on its way to the relay', () => {
  it('goes after every handler of the update but before the work they put off (persisting it)', async () => {
    const doc = new Y.Doc()
    const order: string[] = []
    // as persist.ts: listening first, it writes the update down in a microtask
    doc.on('update', () => queueMicrotask(() => order.push('persisted')))
    const outgoing = afterHandlers(doc, () => order.push('sent'))
    doc.on('update', (u: Uint8Array) => outgoing.add(u))
    // as y-webrtc, listening after the relay: its send is not held up by the relay's
    doc.on('update', () => order.push('peers'))
    write(doc, 'a1')
    await Promise.resolve()
    expect(order).toEqual(['peers', 'sent', 'persisted'])
  })

  it('a burst in one transaction goes as its updates, each once', async () => {
    const doc = new Y.Doc()
    const sent: Uint8Array[] = []
    const outgoing = afterHandlers(doc, (u) => sent.push(u))
    doc.on('update', (u: Uint8Array) => outgoing.add(u))
    doc.transact(() => { write(doc, 'a1'); write(doc, 'a2') })
    write(doc, 'a3')
    await new Promise((r) => setTimeout(r, 0))
    const copy = new Y.Doc()
    for (const u of sent) Y.applyUpdate(copy, u)
    expect(sent.length).toBe(2)
    expect([...copy.getMap('records').keys()].length).toBe(3)
    outgoing.stop()
    write(doc, 'a4')
    await new Promise((r) => setTimeout(r, 0))
    expect(sent.length).toBe(2)
  })
})
