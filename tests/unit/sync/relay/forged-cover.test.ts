import * as Y from 'yjs'
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { roomKeys } from '../../../../src/crypto/index.ts'
import * as wire from '../../../../src/protocol/index.ts'
import { removeStandIn, sleep, startServer, tempDir, until, type Server } from '../../fixtures/relay.ts'
import { openEntry, openSnapshot, sealCover, sealEntry } from '../../../../src/sync/relay/index.ts'
import { EMPTY, mallory } from './mallory.ts'
import { phone, saved, write } from './phones.ts'

describe('a member’s forged cover', () => {
  let server: Server
  beforeAll(async () => { server = await startServer({ HEARTH_DATA: tempDir('forged') }) }, 30_000)
  afterAll(async () => { await server.stop(); removeStandIn() })

  it('an empty snapshot whose cover claims heads that add up to its seq leaves a newcomer with every record', { timeout: 30_000 }, async () => {
    const secret = `inflated ${Math.random()}`
    const ana = phone(server.relay, secret, 'ana')
    for (let i = 0; i < 12; i++) write(ana.doc, `rec${i}`)
    await saved(ana)
    ana.sync.destroy()
    const mal = await mallory(server.relay, secret)
    const r = await mal.snapshot(sealCover(mal.keys, { seq: mal.head(), heads: { forgedforged: mal.head() }, prev: new Uint8Array() }, EMPTY))
    expect(r.op).toBe(wire.Op.Ack)
    mal.close()
    const cai = phone(server.relay, secret, 'cai')
    await until(() => cai.titles().length === 12, 10_000).catch(() => {})
    expect(cai.titles().length).toBe(12)
    cai.sync.destroy()
  })

  it('stream names not of the form this code writes are refused, and a cover’s heads never reach an honest snapshot', { timeout: 60_000 }, async () => {
    const secret = `heads ${Math.random()}`
    const ana = phone(server.relay, secret, 'ana2')
    for (let i = 0; i < 5; i++) write(ana.doc, `rec${i}`)
    await saved(ana)
    const mal = await mallory(server.relay, secret)
    await mal.push(sealEntry(mal.keys, { stream: 'malloryXXXXX', n: 1 }, EMPTY))
    // long names: refused outright
    const long: Record<string, number> = {}
    for (let i = 0; i < 40_000; i++) long[randomBytes(150).toString('base64url')] = 1
    const bloated = sealCover(mal.keys, { seq: mal.head(), heads: long, prev: new Uint8Array() }, Y.encodeStateAsUpdate(ana.doc))
    expect(openSnapshot(mal.keys, bloated)).toBeNull()
    // names of the right form: opened, but not adopted for streams this phone never saw an entry of
    const valid: Record<string, number> = {}
    for (let i = 0; i < 3000; i++) valid[randomBytes(9).toString('base64url')] = 1
    expect((await mal.snapshot(sealCover(mal.keys, { seq: mal.head(), heads: valid, prev: new Uint8Array() }, Y.encodeStateAsUpdate(ana.doc)))).op).toBe(wire.Op.Ack)
    mal.close()
    ana.sync.destroy()
    const ana2 = phone(server.relay, secret, 'ana2', ana.store, ana.doc)
    await saved(ana2)
    await sleep(500)
    const cur = await ana.store.get('relay-cursor') as { heads: Record<string, number> }
    expect(Object.keys(cur.heads).length).toBeLessThan(10)
    ana2.sync.destroy()
  })

  it('openEntry refuses a position whose stream is not of this code’s form', () => {
    const keys = roomKeys(`form ${Math.random()}`)
    expect(openEntry(keys, sealEntry(keys, { stream: 'x'.repeat(200), n: 1 }, EMPTY))).toBeNull()
    expect(openEntry(keys, sealEntry(keys, { stream: 'abcdefghijk_', n: 1 }, EMPTY))?.pos?.n).toBe(1)
    const many: Record<string, number> = {}
    for (let i = 0; i < 20_000; i++) many[randomBytes(9).toString('base64url')] = 1
    expect(openSnapshot(keys, sealCover(keys, { seq: 1, heads: many, prev: new Uint8Array() }, EMPTY))).toBeNull()
  })
})
