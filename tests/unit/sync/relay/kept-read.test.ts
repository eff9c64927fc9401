import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as wire from '../../../../src/protocol/index.ts'
import { sealCover } from '../../../../src/sync/relay/index.ts'
import { newcomerReads } from '../../fixtures/phone.ts'
import { removeStandIn, startServer, tempDir, until, type Server } from '../../fixtures/relay.ts'
import { EMPTY, mallory } from './mallory.ts'
import { phone, relayHolds, saved, write } from './phones.ts'

/**
 * The relay keeps what a snapshot replaced (the kept history) only a while (RELAY_KEEP_MS; here it is up at the room's
 * next write). A phone that finds there what the relay's snapshot left out holds it, but the relay's copy does not:
 * counting it as the relay's (the cursor's vector) left nothing to put it back, and once the kept history went no relay
 * copy held those records.
 */
let server: Server
beforeAll(async () => { server = await startServer({ HEARTH_DATA: tempDir('kept-read'), RELAY_KEEP_MS: '1' }) }, 30_000)
afterAll(async () => { await server.stop(); removeStandIn() })

describe('what a phone reads from the relay’s kept history', () => {
  it('is put back on the relay’s copy by a newcomer, so the room outlives that history', { timeout: 60_000 }, async () => {
    const secret = `kept newcomer ${Math.random()}`
    // Ben writes two records and his phone is gone for good
    const ben = phone(server.relay, secret, 'ben')
    write(ben.doc, 'b0')
    write(ben.doc, 'b1')
    await saved(ben)
    ben.sync.destroy()
    // Mallory's snapshot over the whole log holds nothing
    const mal = await mallory(server.relay, secret)
    expect((await mal.snapshot(EMPTY)).op).toBe(wire.Op.Ack)
    // Ana, new to the room, gets both records from the kept history
    const ana = phone(server.relay, secret, 'ana')
    // (behind its first view, or 20 s at most: beside a full test run it may take more than 10)
    await until(() => ana.titles().length === 2, 30_000)
    const held = await relayHolds(server.relay, secret, 2)
    ana.sync.destroy()
    await mal.push() // the kept history's time is up: it goes with the room's next write
    mal.close()
    expect(held).toEqual(['b0', 'b1'])
    expect(await newcomerReads(server, secret, 2)).toEqual(['b0', 'b1'])
  })

  it('is put back by a member who reads a snapshot labelled past its cover', { timeout: 60_000 }, async () => {
    const secret = `kept cover ${Math.random()}`
    const ana = phone(server.relay, secret, 'ana2')
    for (let i = 0; i < 4; i++) write(ana.doc, `rec${i}`)
    await saved(ana)
    ana.sync.destroy()
    // Mallory's empty snapshot at the log's head, sealed as covering none of it: a reader takes the log's entries from
    // the kept history, as the ones the snapshot skipped
    const mal = await mallory(server.relay, secret)
    const r = await mal.snapshot(EMPTY, sealCover(mal.keys, { seq: 0, heads: {}, prev: new Uint8Array() }, EMPTY))
    expect(r.op).toBe(wire.Op.Ack)
    const back = phone(server.relay, secret, 'ana2', ana.store, ana.doc)
    await saved(back)
    const held = await relayHolds(server.relay, secret, 4)
    back.sync.destroy()
    await mal.push()
    mal.close()
    expect(held).toEqual(['rec0', 'rec1', 'rec2', 'rec3'])
    expect(await newcomerReads(server, secret, 4)).toEqual(['rec0', 'rec1', 'rec2', 'rec3'])
  })
})
