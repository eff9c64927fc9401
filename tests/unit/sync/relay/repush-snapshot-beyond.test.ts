import { rmSync } from 'node:fs'
import * as Y from 'yjs'
import { afterAll, describe, expect, it } from 'vitest'
import { roomKeys, seal } from '../../../../src/crypto/index.ts'
import { Op } from '../../../../src/protocol/index.ts'
import { relaySocket } from '../../../../src/sync/relay/index.ts'
import { sealEntry } from '../../../../src/sync/relay/sealed.ts'
import { allSaved, phone } from '../../fixtures/phone.ts'
import { freePort, removeStandIn, sleep, startServer, tempDir, until } from '../../fixtures/relay.ts'
import { hostileProxy } from './hostile-proxy.ts'
import { phone as phoneAt, write } from './phones.ts'

afterAll(() => removeStandIn())

/**
 * Ana holds Ben's b0 b1 (from WebRTC); the relay's log holds b1 alone, so her join keeps b1's range in `beyond`. Her
 * repair (b0) and her edit go out, and her socket closes before their Acks come. Mallory, a member, uploads a snapshot
 * over the whole log that holds b0 and Ana's edit but leaves b1 out. When Ana joins again, the snapshot replaces her vector but
 * `beyond` stays: b0 in the snapshot fills the gap, b1 folds in as held, the snapshot is not "short" (b1 was never in
 * her vector) and her repair leaves b1 out. Once the relay's kept history expires, no relay copy holds b1. Before the
 * change her repair pushed b1 (it was not in her vector).
 */
describe("a member's snapshot that leaves out a range kept in `beyond`", () => {
  it('is answered by pushing the range again', { timeout: 60_000 }, async () => {
    const port = await freePort()
    const dir = tempDir('repush-snap')
    const relay = await startServer({ HEARTH_DATA: dir, PORT: String(port), RELAY_KEEP_MS: '1' })
    let dropAcks = true
    const proxy = await hostileProxy(relay.relay, (m, asked) => (dropAcks && m.op === Op.Ack && asked?.op === Op.Push ? null : m))
    try {
      const secret = `snap beyond ${Math.random()}`
      const keys = roomKeys(secret)
      const ben = new Y.Doc()
      const steps: Uint8Array[] = []
      ben.on('update', (u: Uint8Array) => steps.push(u))
      write(ben, 'b0'); write(ben, 'b1')
      const socket = relaySocket(`${relay.relay}?phone=mallory`)
      const release = socket.attach(keys.topic, { open: () => {}, close: () => {}, update: () => {}, heard: () => {} })
      await until(() => socket.isOpen())
      await socket.join(keys, 0)
      await socket.push(keys.topic, 'ben-b1-entry-xx', sealEntry(keys, { stream: 'benstream000', n: 1 }, steps[1]))
      // Ana's copy: b0 b1, none of it in her outbox; then an edit of her own
      const doc = new Y.Doc()
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(ben))
      const ana = phoneAt(proxy.url, secret, 'ana', undefined, doc)
      write(doc, 'a0')
      await until(() => proxy.sent.filter((s) => s.op === Op.Push && s.who === 'ana').length === 2, 20_000)
      // Mallory's snapshot over the whole log: b0 and a0, not b1
      const mal = new Y.Doc()
      Y.applyUpdate(mal, Y.encodeStateAsUpdate(doc))
      const withoutB1 = new Y.Doc()
      Y.applyUpdate(withoutB1, steps[0])
      const a0 = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(ben))
      Y.applyUpdate(withoutB1, a0)
      let head = 0
      await until(() => head === 3, 20_000, async () => { head = (await socket.join(keys, 0)).head })
      await socket.snapshot(keys.topic, head, seal(keys, 'snapshot', Y.encodeStateAsUpdate(withoutB1)))
      await sleep(50) // kept history expires (lazily: at the room's next append)
      await socket.push(keys.topic, 'ben-empty-entry', sealEntry(keys, { stream: 'benstream000', n: 2 }, Y.encodeStateAsUpdate(new Y.Doc())))
      const after = await socket.history(keys.topic, 0)
      console.log('HISTORY', after.snapshot?.seq, after.updates.map((u) => u.seq))
      release()
      dropAcks = false
      proxy.drop()
      await until(() => allSaved(ana), 30_000)
      await sleep(5000) // any repair after the join has gone
      await until(() => allSaved(ana), 30_000)
      const cai = phone(relay, secret, 'cai')
      await until(() => cai.titles().length === 3, 10_000).catch(() => {})
      const got = cai.titles()
      ana.sync.destroy()
      cai.sync.destroy()
      expect(got.sort()).toEqual(['a0', 'b0', 'b1'])
    } finally {
      await proxy.close()
      await relay.stop()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
