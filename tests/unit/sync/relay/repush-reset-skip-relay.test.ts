import { rmSync } from 'node:fs'
import * as Y from 'yjs'
import { afterAll, describe, expect, it } from 'vitest'
import { roomKeys } from '../../../../src/crypto/index.ts'
import { Op } from '../../../../src/protocol/index.ts'
import { relaySocket } from '../../../../src/sync/relay/index.ts'
import { sealEntry } from '../../../../src/sync/relay/sealed.ts'
import { allSaved, phone } from '../../fixtures/phone.ts'
import { freePort, removeStandIn, sleep, startServer, tempDir, until } from '../../fixtures/relay.ts'
import { hostileProxy } from './hostile-proxy.ts'
import { phone as phoneAt, write } from './phones.ts'

afterAll(() => removeStandIn())

/**
 * Ana holds Ben's records b0 b1 b2 (from WebRTC, before she opened the relay); the relay's log holds only b1 (Ben's
 * phone pushed it). Her join keeps b1's range in `beyond`, and her repair push is b0, a Skip over b1, then b2. The socket
 * closes before that push is acknowledged; the relay comes back with its store lost (another epoch): she resets and
 * forgets, pushes the saved repair again, and its ack counts b0..b2 as held. Before a push's Skips counted as gaps, b1 was then on no relay copy.
 */
describe('a reset after a repair push that skipped a range', () => {
  it('the new copy still gets the record the repair push skipped', { timeout: 60_000 }, async () => {
    const port = await freePort()
    const dir = tempDir('repush-reset')
    const env = { HEARTH_DATA: dir, PORT: String(port) }
    let relay = await startServer(env)
    let dropAcks = true
    const proxy = await hostileProxy(relay.relay, (m, asked) => (dropAcks && m.op === Op.Ack && asked?.op === Op.Push ? null : m))
    try {
      const secret = `reset skip ${Math.random()}`
      const keys = roomKeys(secret)
      const ben = new Y.Doc()
      const steps: Uint8Array[] = []
      ben.on('update', (u: Uint8Array) => steps.push(u))
      write(ben, 'b0'); write(ben, 'b1'); write(ben, 'b2')
      // Ben's phone pushed b1 alone (straight to the relay: its ack is Ben's business)
      const socket = relaySocket(`${relay.relay}?phone=ben`)
      const release = socket.attach(keys.topic, { open: () => {}, close: () => {}, update: () => {}, heard: () => {} })
      await until(() => socket.isOpen())
      await socket.join(keys, 0)
      await socket.push(keys.topic, 'ben-b1-entry-xx', sealEntry(keys, { stream: 'benstream000', n: 1 }, steps[1]))
      release()
      // Ana's copy holds all three, none of it in her outbox
      const doc = new Y.Doc()
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(ben))
      const ana = phoneAt(proxy.url, secret, 'ana', undefined, doc)
      await until(() => proxy.sent.some((s) => s.op === Op.Push && s.who === 'ana'), 20_000)
      expect(ana.sync.state().pending).toBe(1)
      // the relay loses its store and comes back; its ack of the repair push now passes
      await relay.stop()
      rmSync(dir, { recursive: true, force: true })
      relay = await startServer(env)
      dropAcks = false
      proxy.drop()
      await until(() => allSaved(ana), 30_000)
      await sleep(4000) // any repair after the join has gone
      await until(() => allSaved(ana), 30_000)
      const cai = phone(relay, secret, 'cai')
      await until(() => cai.titles().length === 3, 10_000).catch(() => {})
      const got = cai.titles()
      ana.sync.destroy()
      cai.sync.destroy()
      expect(got.sort()).toEqual(['b0', 'b1', 'b2'])
    } finally {
      await proxy.close()
      await relay.stop()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
