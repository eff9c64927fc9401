import { rmSync } from 'node:fs'
import * as Y from 'yjs'
import { afterAll, describe, expect, it } from 'vitest'
import { roomKeys, seal } from '../../../../src/crypto/index.ts'
import { Op } from '../../../../src/protocol/index.ts'
import { relaySocket } from '../../../../src/sync/relay/index.ts'
import { sealEntry } from '../../../../src/sync/relay/sealed.ts'
import { allSaved } from '../../fixtures/phone.ts'
import { removeStandIn, sleep, startServer, tempDir, until } from '../../fixtures/relay.ts'
import { hostileProxy } from './hostile-proxy.ts'
import { phone as phoneAt, write } from './phones.ts'

afterAll(() => removeStandIn())

/**
 * An Ack at or below the relay's snapshot is its dedupe's, so the phone pushes anew what that snapshot lacks. A hostile
 * relay that answers every push with such an Ack must not turn that into a loop: the phone pushing the same records
 * again and again, at the speed of a round trip, for as long as the room is open.
 */
describe('a relay that acks every push below its snapshot', () => {
  it('gets a few repairs, not an endless stream of pushes', { timeout: 60_000 }, async () => {
    const dir = tempDir('low-ack')
    const relay = await startServer({ HEARTH_DATA: dir })
    let low = false
    const proxy = await hostileProxy(relay.relay, (m, asked) => (low && m.op === Op.Ack && asked?.op === Op.Push ? { ...m, seq: 1 } : m))
    try {
      const secret = `low ack ${Math.random()}`
      const keys = roomKeys(secret)
      const mal = new Y.Doc()
      const steps: Uint8Array[] = []
      mal.on('update', (u: Uint8Array) => steps.push(u))
      write(mal, 'b0')
      const socket = relaySocket(relay.relay)
      const release = socket.attach(keys.topic, { open: () => {}, close: () => {}, update: () => {}, heard: () => {} })
      await until(() => socket.isOpen())
      await socket.join(keys, 0)
      await socket.push(keys.topic, 'mal-b0-entry-xxx', sealEntry(keys, { stream: 'malstream000', n: 1 }, steps[0]))
      await socket.push(keys.topic, 'mal-b1-entry-xxx', sealEntry(keys, { stream: 'malstream000', n: 2 }, Y.encodeStateAsUpdate(new Y.Doc())))
      await socket.snapshot(keys.topic, 2, seal(keys, 'snapshot', Y.encodeStateAsUpdate(mal)))
      release()
      const ana = phoneAt(proxy.url, secret, 'ana')
      await until(() => allSaved(ana) && ana.titles().length === 1, 20_000)
      low = true
      write(ana.doc, 'a0')
      await until(() => proxy.sent.some((s) => s.op === Op.Push && s.who === 'ana'), 20_000)
      await sleep(3000)
      const pushes = proxy.sent.filter((s) => s.op === Op.Push && s.who === 'ana').length
      ana.sync.destroy()
      expect(pushes).toBeGreaterThan(0)
      expect(pushes).toBeLessThanOrEqual(5)
    } finally {
      await proxy.close()
      await relay.stop()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
