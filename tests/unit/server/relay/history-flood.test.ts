import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import * as wire from '../../../../src/protocol/index.ts'
import { connect, removeStandIn, room, sleep, startRedis } from '../../fixtures/relay.ts'
import { serve, type Started } from '../../fixtures/server.ts'

const { Op } = wire
const MiB = 1024 * 1024
type Update = Extract<wire.RelayMessage, { op: wire.Op.Update }>

const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024

const stores: [string, () => Promise<{ env: Record<string, string>; stop: () => Promise<void> }>][] = [
  ['embedded', async () => ({ env: {}, stop: async () => {} })],
  ['redis', async () => {
    const redis = await startRedis()
    return { env: { REDIS_URL: redis.url, REDIS_PREFIX: `history-flood-${process.pid}:` }, stop: redis.stop }
  }],
]

afterAll(() => removeStandIn())

describe.each(stores)('relay (%s): History requests are reads the relay bounds', (_, backing) => {
  let server: Started
  let done: () => Promise<void>
  afterAll(async () => {
    await server?.done()
    await done?.()
  })

  it('keeps 100 History requests on one socket that never reads, for a room of two 7 MiB entries, under 150 MB more RSS, and still serves an honest member', async () => {
    const b = await backing()
    done = b.stop
    server = await serve(b.env)
    const keys = room()
    const owner = await connect(server.relay)
    expect(await owner.join(keys)).toMatchObject({ op: Op.State })
    for (let i = 0; i < 2; i++) expect(await owner.push(keys.topic, randomBytes(7 * MiB))).toMatchObject({ op: Op.Ack })
    const flood = await connect(server.relay, { from: '127.0.0.2' })
    expect(await flood.join(keys)).toMatchObject({ op: Op.State })
    await sleep(500)
    const before = rssOf(server.proc.pid!)
    ;(flood.ws as any)._socket.pause()
    for (let req = 1000; req < 1100; req++) flood.send({ op: Op.History, req, topic: keys.topic, since: 0 })
    let peak = before
    for (let i = 0; i < 24; i++) {
      await sleep(250)
      peak = Math.max(peak, rssOf(server.proc.pid!))
    }
    console.log(`relay RSS: ${Math.round(before / MiB)} MiB before, ${Math.round(peak / MiB)} MiB at most after 100 History frames`)
    expect(peak - before).toBeLessThan(150 * MiB)
    // an honest member still reads the room and hears a push
    const other = await connect(server.relay)
    expect(await other.join(keys, 2)).toMatchObject({ op: Op.State })
    const ack = (await owner.push(keys.topic, randomBytes(64))) as Extract<wire.RelayMessage, { op: wire.Op.Ack }>
    await other.take((m): m is Update => m.op === Op.Update && m.seq === ack.seq)
    flood.ws.terminate()
    owner.close()
    other.close()
  }, 60_000)

  it('answers one History at a time per socket and room, and refuses the rest with a code that asks to retry', async () => {
    const keys = room()
    const c = await connect(server.relay)
    expect(await c.join(keys)).toMatchObject({ op: Op.State })
    expect(await c.push(keys.topic, randomBytes(64))).toMatchObject({ op: Op.Ack })
    const answers = await Promise.all(Array.from({ length: 12 }, () => c.ask((req) => ({ op: Op.History, req, topic: keys.topic, since: 0 }))))
    const states = answers.filter((m) => m.op === Op.State)
    expect(states.length).toBeGreaterThanOrEqual(1)
    expect(states.length).toBeLessThanOrEqual(8)
    for (const m of answers) if (m.op !== Op.State) expect(m).toMatchObject({ op: Op.Error, code: 'rate-limited' })
    // one after another at an honest reader's pace (the bucket refills one a second; a fast relay may have spent all
    // of it on the flood), each is answered
    for (let i = 0; i < 3; i++) {
      await sleep(1100)
      expect(await c.ask((req) => ({ op: Op.History, req, topic: keys.topic, since: 0 }))).toMatchObject({ op: Op.State })
    }
    c.close()
  }, 30_000)
})
