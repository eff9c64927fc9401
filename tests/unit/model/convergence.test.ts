import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { commands as c } from '../../../src/model/index.ts'
import { cohosted, event, expectOk, peer, project, proposal, settle, sync, type Peer } from '../fixtures/model.ts'

/** Collects every update a peer makes, to deliver them later in any order. */
const recorder = (p: Peer) => {
  const updates: Uint8Array[] = []
  p.doc.on('update', (u: Uint8Array, origin: unknown) => { if (origin !== 'remote') updates.push(u) })
  return updates
}

const shuffle = <T>(list: T[], seed: number): T[] => {
  const out = [...list]
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 16807) % 2147483647
    const j = seed % (i + 1)
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}

const snapshot = (p: Peer) => JSON.stringify(p.room.invitations().map((v) => ({ ...v, refused: undefined })))

describe('convergence', () => {
  it('three peers with concurrent changes, updates in different orders and partial batches, end identical', async () => {
    const [a, b, d] = [await peer(), await peer(), await peer()]
    const ev = expectOk(await c.invite(a.room, 'event', event({ capacity: 2 })))
    const pr = expectOk(await c.invite(a.room, 'proposal', proposal()))
    await sync(a, b, d)
    const logs = [recorder(a), recorder(b), recorder(d)]
    // concurrently, with no exchange in between
    await c.inviteCohost(a.room, ev.id, b.me.id)
    await c.edit(a.room, ev.id, event({ capacity: 2, title: 'Potluck in the park' }))
    await c.respond(a.room, pr.id, { answer: 'agree' })
    b.clock.t += 5
    await c.respond(b.room, ev.id, { answer: 'yes', note: 'soup' })
    await c.respond(b.room, pr.id, { answer: 'object', note: 'too soon' })
    await c.invite(b.room, 'project', project({ title: 'Tool library', threshold: 2 }))
    d.clock.t += 3
    await c.respond(d.room, ev.id, { answer: 'yes' })
    await c.respond(d.room, pr.id, { answer: 'block', note: 'needs a fairer process' })
    await c.setName(d.room, 'Dee')
    const all = logs.flat()
    // each peer receives the others' updates in its own order, in partial batches
    for (const [i, p] of [a, b, d].entries()) {
      const others = shuffle(logs.filter((_, k) => k !== i).flat(), 7 + i * 31)
      const half = Math.ceil(others.length / 2)
      Y.applyUpdate(p.doc, Y.mergeUpdates(others.slice(0, half)), 'remote')
      await settle(p)
      for (const u of others.slice(half).reverse()) Y.applyUpdate(p.doc, u, 'remote')
    }
    await settle(a, b, d)
    expect(all.length).toBeGreaterThan(5)
    expect(snapshot(b)).toBe(snapshot(a))
    expect(snapshot(d)).toBe(snapshot(a))
    const v = d.room.invitation(ev.id)!
    expect(v.content.title).toBe('Potluck in the park')
    expect(v.going.map((r) => r.member).sort()).toEqual([b.me.id, d.me.id].sort())
    expect(a.room.invitation(pr.id)!.tally).toEqual({ agree: 1, abstain: 0, object: 1, block: 1 })
    expect(a.room.nameOf(d.me.id)).toBe('Dee')
    expect(a.room.invitations()).toHaveLength(3)
  })

  it('two hosts editing at once settle on the same version everywhere', async () => {
    const { a, b, id } = await cohosted('project')
    await c.edit(a.room, id, project({ title: 'A’s title' }))
    await c.edit(b.room, id, project({ title: 'B’s title' }))
    await sync(a, b)
    expect(a.room.invitation(id)!.content.title).toBe(b.room.invitation(id)!.content.title)
  })
})
