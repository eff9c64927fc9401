import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { commands as c, type HearthRecord } from '../../../../src/model/index.ts'
import { applyGuarded, writeRecords } from '../../../../src/sync/guard/index.ts'
import { readSyncMessage } from '../../../../src/sync/peers/index.ts'
import { expectOk, peer, project, type Peer } from '../../fixtures/model.ts'
import { syncOver } from '../../fixtures/sync.ts'

const until = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms
  while (!check()) { if (Date.now() > end) throw new Error('timed out'); await new Promise((r) => setTimeout(r, 10)) }
}

/** an honest room with a few invitations, and a hostile member's plain document holding all of it */
const room = async (n = 5) => {
  const a = await peer()
  expectOk(await c.inviteMany(a.room, Array.from({ length: n }, (_, i) => ({ kind: 'project' as const, content: project({ title: `Project ${i}` }) }))))
  const hal = new Y.Doc()
  Y.applyUpdate(hal, Y.encodeStateAsUpdate(a.doc))
  return { a, hal }
}

const keysOf = (p: Peer) => [...p.doc.getMap('records').keys()].filter((k) => !k.startsWith('\u0000')).sort()
const titles = (p: Peer) => p.room.invitations().map((i) => i.content.title).sort()


describe('deletion wars', () => {
  it('deleting or overwriting valid records again and again neither grows the document nor makes a peer answer', async () => {
    const { a, hal } = await room()
    const keys = keysOf(a)
    const before = Y.encodeStateAsUpdate(a.doc).length
    let answered = 0
    a.doc.on('update', (u: Uint8Array, origin: unknown) => { if (origin !== 'hal') { answered += u.length; Y.applyUpdate(hal, u) } })
    let sent = 0
    hal.on('update', (u: Uint8Array, origin: unknown) => { if (origin !== 'a') { sent += u.length; applyGuarded(a.doc, u, 'hal', 'hal') } })
    const records = hal.getMap<HearthRecord>('records')
    const N = 40
    for (let i = 0; i < N; i++) {
      if (i % 2) for (const k of keys) records.delete(k)
      else for (const k of keys) records.set(k, { ...(records.get(k) ?? (a.doc.getMap('records').get(k) as HearthRecord)), at: i } as HearthRecord)
      await a.room.ledger.settled()
    }
    await a.room.ledger.settled()
    const after = Y.encodeStateAsUpdate(a.doc).length
    expect(titles(a)).toHaveLength(5)
    expect(keysOf(a)).toEqual(keys)
    // every record still there, nothing sent back (no restores), and the document grows by less than the attacker sent
    expect(answered).toBe(0)
    expect(after - before).toBeLessThan(sent / 4)
    expect(after - before).toBeLessThan(N * keys.length * 32)
  })

  it('a forged record written first at a key does not keep the real one out', async () => {
    const { a } = await room(1)
    const n = await peer()
    const [key] = keysOf(a)
    const real = a.doc.getMap('records').get(key) as HearthRecord
    const hal = new Y.Doc()
    hal.getMap('records').set(key, { ...real, at: real.at + 1 })
    applyGuarded(n.doc, Y.encodeStateAsUpdate(hal), 'hal', 'hal')
    applyGuarded(n.doc, Y.encodeStateAsUpdate(a.doc), 'a', 'a')
    await until(() => JSON.stringify(n.doc.getMap('records').get(key)) === JSON.stringify(real))
    await n.room.ledger.settled()
    expect(titles(n)).toEqual(['Project 0'])
  })

  it('a newcomer who meets a hostile member first, then an honest one, ends with every record', async () => {
    const { a, hal } = await room()
    const keys = keysOf(a)
    // Hal's copy holds every record's clocks, deleted
    for (const k of keys) hal.getMap('records').delete(k)
    const n = await peer()
    applyGuarded(n.doc, Y.encodeStateAsUpdate(hal), 'hal', 'hal')
    await n.room.ledger.settled()
    expect(keysOf(n)).toEqual([])
    syncOver(n.doc, a.doc)
    await until(() => keysOf(n).length === keys.length)
    await n.room.ledger.settled()
    expect(keysOf(n)).toEqual(keys)
    expect(titles(n)).toEqual(titles(a))
    // and the honest side wrote nothing for it: the newcomer wrote them again itself
    expect(keysOf(a)).toEqual(keys)
  })

  it('the newcomer also gets the records when the hostile copy hides them in one update with their live copies', async () => {
    const { a } = await room(3)
    const hal = new Y.Doc({ gc: false })
    Y.applyUpdate(hal, Y.encodeStateAsUpdate(a.doc))
    for (const k of keysOf(a)) hal.getMap('records').set(k, { junk: true })
    const n = await peer()
    applyGuarded(n.doc, Y.encodeStateAsUpdate(hal), 'hal', 'hal')
    await n.room.ledger.settled()
    expect(titles(n)).toHaveLength(3)
  })

  it('records offered with no ask are not weighed: a peer can’t make a phone check signatures without end', async () => {
    const { a, hal } = await room(2)
    for (const k of keysOf(a)) hal.getMap('records').delete(k)
    const n = await peer()
    applyGuarded(n.doc, Y.encodeStateAsUpdate(hal), 'hal', 'hal')
    const offered = keysOf(a).map((k) => [k, a.doc.getMap('records').get(k)] as [string, unknown])
    for (const type of [2, 1]) {
      const e = encoding.createEncoder()
      encoding.writeVarUint(e, type)
      encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(new Y.Doc()))
      writeRecords(e, offered)
      readSyncMessage(decoding.createDecoder(encoding.toUint8Array(e)), encoding.createEncoder(), n.doc, 'hal')
    }
    await new Promise((r) => setTimeout(r, 200))
    expect(keysOf(n)).toEqual([])
  })
})
