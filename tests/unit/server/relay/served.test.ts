import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signWrite } from '../../../../src/crypto/index.ts'
import * as wire from '../../../../src/protocol/index.ts'
import { bytes, closedAfterEach, connect, removeStandIn, room, sleep } from '../../fixtures/relay.ts'
import { serve, type Started } from '../../fixtures/server.ts'

const { Op } = wire

let server: Started
const client = closedAfterEach(() => connect(server.relay))

beforeAll(async () => { server = await serve({ RELAY_TOPICS_PER_ADDRESS: '2', RELAY_TOPICS_PER_SOCKET: '4', RELAY_JOIN_RATE: '2', RELAY_JOIN_BURST: '6' }) }, 30_000)
afterAll(async () => {
  await server?.done()
  removeStandIn()
})

const without = <T extends object>(m: T) => ({ ...m, req: 0 })

describe('relay: what is released and bounded', () => {
  it("releases an address's topic when its socket leaves it, not only when it closes", async () => {
    const c = await client()
    const [one, two, three] = [room(), room(), room()]
    expect(await c.join(one)).toMatchObject({ op: Op.State })
    expect(await c.join(two)).toMatchObject({ op: Op.State })
    expect(await c.join(three)).toMatchObject({ op: Op.Error, code: 'too-many-topics' })
    c.send({ op: Op.Leave, topic: one.topic })
    await sleep(50)
    expect(await c.join(three)).toMatchObject({ op: Op.State })
  })

  it('limits join attempts per connection (RELAY_JOIN_RATE/RELAY_JOIN_BURST): each costs a signature check and a read', async () => {
    const c = await client()
    const keys = room()
    const replies = await Promise.all(Array.from({ length: 20 }, () =>
      c.ask((req) => ({ op: Op.Join, req, topic: keys.topic, pub: keys.writePub, sig: new Uint8Array(64), since: 0 }))))
    const limited = replies.filter((m) => m.op === Op.Error && m.code === 'rate-limited').length
    expect(limited).toBeGreaterThanOrEqual(12)
    expect(replies.filter((m) => m.op === Op.Error && m.code === 'bad-signature').length).toBe(20 - limited)
    await sleep(600)
    expect(await c.join(keys)).toMatchObject({ op: Op.State })
  })
})

describe('relay: what a stranger learns', () => {
  it('answers a stranger alike for a busy room and an empty one, and passes it nothing', async () => {
    const busy = room()
    const member = await client()
    expect(await member.join(busy)).toMatchObject({ op: Op.State })
    await member.push(busy.topic, bytes('sealed'))
    const stranger = await client()
    const empty = room()
    const probe = async (keys: ReturnType<typeof room>) => [
      await stranger.ask((req) => ({ op: Op.Join, req, topic: keys.topic, pub: keys.writePub, sig: signWrite(room(), wire.readProof(stranger.nonce, keys.topic, stranger.origin)), since: 0 })),
      await stranger.push(keys.topic, bytes('x')),
      await stranger.ask((req) => ({ op: Op.Snapshot, req, topic: keys.topic, seq: 1, data: bytes('s') })),
    ].map(without)
    expect(await probe(busy)).toEqual(await probe(empty))
    member.send({ op: Op.Say, topic: busy.topic, data: bytes('here') })
    await member.push(busy.topic, bytes('more'))
    await sleep(200)
    expect(stranger.inbox).toEqual([])
  })
})
