import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { commands as c } from '../../../../src/model/index.ts'
import { applyGuarded } from '../../../../src/sync/guard/index.ts'
import { expectOk, peer, project, type Peer } from '../../fixtures/model.ts'
import { squat, syncOver } from '../../fixtures/sync.ts'

const until = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms
  while (!check()) { if (Date.now() > end) throw new Error('timed out'); await new Promise((r) => setTimeout(r, 10)) }
}



const titles = (p: Awaited<ReturnType<typeof peer>>) => p.room.invitations().map((i) => i.content.title).sort()

/** `n` takes `a`'s state under the squat and sees none of it, then gets `a`'s one invitation by syncing with `a` */
const takesThenSyncs = async (n: Peer, a: Peer, title: string) => {
  applyGuarded(n.doc, Y.encodeStateAsUpdate(a.doc), 'a', 'a')
  await n.room.ledger.settled()
  expect(titles(n)).toEqual([])
  syncOver(n.doc, a.doc)
  await until(() => titles(n).length === 1)
  expect(titles(n)).toEqual([title])
}

describe('clock squatting: client ids are not bound to members', () => {
  it('a member refuses structs under its own id ahead of its clock, and moves to a new id', async () => {
    const a = await peer()
    expectOk(await c.invite(a.room, 'project', project({ title: 'First' })))
    const id = a.doc.clientID
    const state = Y.getState(a.doc.store, id)
    applyGuarded(a.doc, squat(id, state, 1_000_000), 'hal', 'hal')
    expect(Y.getState(a.doc.store, id)).toBe(state)
    expect(a.doc.clientID).not.toBe(id)
    // its next record lands under the new id, so peers that took the squat still get it
    const n = await peer()
    applyGuarded(n.doc, squat(id, state, 1_000_000), 'hal', 'hal')
    expectOk(await c.invite(a.room, 'project', project({ title: 'Second' })))
    applyGuarded(n.doc, Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(n.doc)), 'a', 'a')
    await n.room.ledger.settled()
    expect(titles(n)).toEqual(['First', 'Second'])
  })

  it('records written on clocks a squatter took first reach the peers who took the squat, when they next sync', async () => {
    const a = await peer()
    const n = await peer()
    const id = a.doc.clientID
    // Hal gets to Nia first with a million of Ana's future clocks
    applyGuarded(n.doc, squat(id, 0, 1_000_000), 'hal', 'hal')
    expectOk(await c.invite(a.room, 'project', project({ title: 'Shadowed' })))
    await takesThenSyncs(n, a, 'Shadowed')
    // Ana saw that Nia holds clocks of hers she never wrote, and left that id
    expect(a.doc.clientID).not.toBe(id)
  })

  it('content under a member’s own id over records it wrote moves it to a new id, and peers who took it get the records by repair', async () => {
    const a = await peer()
    expectOk(await c.invite(a.room, 'project', project({ title: 'Mine' })))
    const id = a.doc.clientID
    applyGuarded(a.doc, squat(id, 0, Y.getState(a.doc.store, id)), 'hal', 'hal')
    expect(a.doc.clientID).not.toBe(id)
    const n = await peer()
    applyGuarded(n.doc, squat(id, 0, 1_000_000), 'hal', 'hal')
    // Ana wrote the shadowed record again under her new id, with no origin: even a plain state diff carries it
    applyGuarded(n.doc, Y.encodeStateAsUpdate(a.doc), 'a', 'a')
    await n.room.ledger.settled()
    expect(titles(n)).toEqual(['Mine'])
    syncOver(n.doc, a.doc)
    expect(titles(n)).toEqual(['Mine'])
  })
})
