import { afterAll, beforeAll, expect, it } from 'vitest'
import * as wire from '../../../../src/protocol/index.ts'
import { removeStandIn, startServer, tempDir, until, type Server } from '../../fixtures/relay.ts'
import { hostileProxy } from './hostile-proxy.ts'
import { phone, saved, write } from './phones.ts'

let server: Server
let proxy: Awaited<ReturnType<typeof hostileProxy>>
beforeAll(async () => {
  server = await startServer({ HEARTH_DATA: tempDir('stored-gap') })
  proxy = await hostileProxy(server.relay)
})
afterAll(async () => { await proxy.close(); await server.stop(); removeStandIn() })

// found by the second reader: a Stored notice counted what it named but didn't look for the hole below it, so an entry
// whose Live copy was lost (or came while the join was still being read) waited for two more entries to be asked for
it('an entry whose Live copy was lost is asked for when a later Stored shows the hole, with no further entry', { timeout: 60_000 }, async () => {
  const secret = `gap ${Math.random()}`
  const ana = phone(server.relay, secret, 'ana-gap')
  const cara = phone(server.relay, secret, 'cara-gap')
  const ben = phone(proxy.url, secret, 'ben-gap')
  await saved(ana); await saved(cara); await saved(ben)
  write(ana.doc, 'a1')
  await until(() => ben.titles().includes('a1'))
  let dropNext = true
  proxy.tamper = (m) => (m.op === wire.Op.Live && dropNext ? (dropNext = false, null) : m)
  write(cara.doc, 'c1')
  await saved(cara)
  await until(() => !dropNext)
  write(ana.doc, 'a2')
  await saved(ana)
  await until(() => ben.titles().includes('a2'))
  await until(() => ben.titles().includes('c1'), 15_000).catch(() => {})
  const titles = ben.titles()
  for (const p of [ana, ben, cara]) p.sync.destroy()
  expect(titles).toContain('c1')
})
