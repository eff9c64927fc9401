import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { commands as c, type HearthRecord } from '../../../src/model/index.ts'
import { expectOk, peer, project } from '../fixtures/model.ts'

/** each update `p`'s document sends, as a peer would pass them on one by one */
const updatesOf = (doc: Y.Doc) => {
  const out: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => out.push(u))
  return out
}

describe('live edits: each one checked as it lands', () => {
  it('edits that arrive while the one before is still being checked all count, and a forged one among them counts for nothing', async () => {
    const [ana, ben, mallory] = [await peer(), await peer(), await peer()]
    const sent = updatesOf(ana.doc)
    const ids: string[] = []
    for (const title of ['One', 'Two', 'Three']) ids.push(expectOk(await c.invite(ana.room, 'project', project({ title }))).id)
    // Mallory's own invitation, its text changed after she signed it
    const forged = updatesOf(mallory.doc)
    const { id: bad } = expectOk(await c.invite(mallory.room, 'project', project({ title: 'Signed' })))
    const key = [...mallory.doc.getMap('records').keys()].find((k) => (mallory.doc.getMap('records').get(k) as HearthRecord).t === 'inv')!
    const signed = mallory.doc.getMap('records').get(key) as HearthRecord & { c: object }
    const tampered = new Y.Doc()
    tampered.getMap('records').set(key, { ...signed, c: { ...signed.c, title: 'Not what she signed' } })
    forged.length = 0
    const shown = new Set<string>()
    ben.room.onChange((ch) => ch.invites.forEach((id) => shown.add(id)))
    // one after another, no turn between them: each lands while the one before waits for its signature check
    const [first, ...rest] = sent
    Y.applyUpdate(ben.doc, first, 'peer')
    Y.applyUpdate(ben.doc, Y.encodeStateAsUpdate(tampered), 'peer')
    for (const u of rest) Y.applyUpdate(ben.doc, u, 'peer')
    await ben.room.ledger.settled()
    expect(ben.room.invitations().map((v) => v.content.title).sort()).toEqual(['One', 'Three', 'Two'])
    expect([...shown].sort()).toEqual([...ids].sort())
    expect(shown.has(bad)).toBe(false)
    expect(ben.room.ledger.invalid()).toBe(1)
  })
})
