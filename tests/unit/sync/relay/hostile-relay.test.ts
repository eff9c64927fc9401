import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as wire from '../../../../src/protocol/index.ts'
import { removeStandIn, startServer, tempDir, until, type Server } from '../../fixtures/relay.ts'
import { hostileProxy } from './hostile-proxy.ts'
import { phone, saved, write } from './phones.ts'

type State = Extract<wire.RelayMessage, { op: wire.Op.State }>
const isJoinState = (m: wire.RelayMessage, asked: wire.ClientMessage | undefined): m is State => m.op === wire.Op.State && asked?.op === wire.Op.Join

let server: Server
let proxy: Awaited<ReturnType<typeof hostileProxy>>
beforeAll(async () => {
  server = await startServer({ HEARTH_DATA: tempDir('hostile-relay') })
  proxy = await hostileProxy(server.relay)
})
afterAll(async () => { await proxy.close(); await server.stop(); removeStandIn() })

const keys = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(3, '0')}`)

/** the newcomer has every record, then gets a live edit within a second (the bound; loopback, generous) */
const holdsAndStaysLive = async (ana: ReturnType<typeof phone>, ben: ReturnType<typeof phone>, expected: string[]) => {
  await until(() => ben.titles().length >= expected.length, 8000).catch(() => {})
  expect(ben.titles()).toEqual(expected.sort())
  write(ana.doc, 'zz-live')
  const at = Date.now()
  await until(() => ben.titles().includes('zz-live'), 1000)
  return Date.now() - at
}

describe('a hostile relay in front of the honest one', () => {
  it('relabels a snapshot with a higher seq: the newcomer still gets every entry it skipped, and later live edits', { timeout: 60_000 }, async () => {
    const secret = `relabel ${Math.random()}`
    proxy.tamper = (m) => m
    const ana = phone(proxy.url, secret, 'ana-relabel')
    await saved(ana)
    for (const k of keys(210, 'e')) write(ana.doc, k)
    await saved(ana, 20_000)
    await until(() => ((ana.store.data.get('relay-cursor') as { snapshotSeq?: number } | undefined)?.snapshotSeq ?? 0) >= 200, 15_000)
    for (const k of keys(5, 't')) write(ana.doc, k)
    await saved(ana)
    // the snapshot says it covers the whole log, so the tail after it is "not needed"
    proxy.tamper = (m, asked) => isJoinState(m, asked) && m.snapshot ? { ...m, snapshot: { ...m.snapshot, seq: m.head }, updates: m.updates.filter((u) => u.seq > m.head) } : m
    const ben = phone(proxy.url, secret, 'ben-relabel')
    await until(() => ben.sync.state().state === 'saved')
    await holdsAndStaysLive(ana, ben, [...keys(210, 'e'), ...keys(5, 't')])
    ana.sync.destroy()
    ben.sync.destroy()
  })

  it('says its head is higher than what it delivers: live entries after it still apply', { timeout: 30_000 }, async () => {
    const secret = `head ${Math.random()}`
    proxy.tamper = (m) => m
    const ana = phone(proxy.url, secret, 'ana-head')
    await saved(ana)
    for (const k of keys(5, 'h')) write(ana.doc, k)
    await saved(ana)
    proxy.tamper = (m, asked) => isJoinState(m, asked) ? { ...m, head: m.head + 50 } : m
    const ben = phone(proxy.url, secret, 'ben-head')
    await until(() => ben.sync.state().state === 'saved')
    await holdsAndStaysLive(ana, ben, keys(5, 'h'))
    // and more than one
    write(ana.doc, 'zz-live2')
    await until(() => ben.titles().includes('zz-live2'), 1000)
    ana.sync.destroy()
    ben.sync.destroy()
  })

  it('withholds the tail of a State (and says its head is where it stopped): the newcomer asks again and gets every record', { timeout: 30_000 }, async () => {
    const secret = `withheld ${Math.random()}`
    proxy.tamper = (m) => m
    const ana = phone(proxy.url, secret, 'ana-withheld')
    await saved(ana)
    for (const k of keys(10, 'w')) write(ana.doc, k)
    await saved(ana)
    proxy.tamper = (m, asked) => {
      if (!isJoinState(m, asked) || m.updates.length < 5) return m
      const updates = m.updates.slice(0, 4)
      return { ...m, updates, head: updates[3].seq }
    }
    const ben = phone(proxy.url, secret, 'ben-withheld')
    await until(() => ben.sync.state().state === 'saved')
    // the next live edit shows the hole (it builds on what was withheld); the newcomer fills it from the relay
    write(ana.doc, 'zz-first')
    await until(() => ben.titles().length === 11, 3000).catch(() => {})
    expect(ben.titles()).toEqual([...keys(10, 'w'), 'zz-first'])
    write(ana.doc, 'zz-live')
    await until(() => ben.titles().includes('zz-live'), 1000)
    ana.sync.destroy()
    ben.sync.destroy()
  })
})
