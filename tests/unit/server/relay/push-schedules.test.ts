import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { open, seal, type RoomKeys } from '../../../../src/crypto/index.ts'
import * as wire from '../../../../src/protocol/index.ts'
import { bytes, connect, expectError, room, sleep, textOf, until, type Server } from '../../fixtures/relay.ts'
import { startPushRelay, type PushService, type TestSubscription } from './push-service.ts'

type Client = Awaited<ReturnType<typeof connect>>
const ok = (m: wire.RelayMessage) => expect(m).toMatchObject({ op: wire.Op.Ack })
const DAY = 24 * 3600_000

/**
 * A member holds the room key, so the relay can't tell their room-wide pushes from anyone's: it bounds them. Due
 * ones coalesce per topic as Notify does; each owner secret keeps at most PUSH_SCHEDULES_PER_OWNER, each address
 * PUSH_SCHEDULES_PER_ADDRESS per topic, so one member can't take the room's reminder slots from the others.
 */
describe.each(['embedded', 'redis'] as const)('room-wide pushes are bounded (%s)', (backend) => {
  let relay: Awaited<ReturnType<typeof startPushRelay>>
  let service: PushService
  let server: Server
  let vapid = ''

  beforeAll(async () => {
    relay = await startPushRelay(backend, 'push-schedules', {
      PUSH_PER_MINUTE: '500', PUSH_PER_MINUTE_PER_ADDRESS: '1000', PUSH_COALESCE_MS: '3000',
      PUSH_REMINDERS_PER_TOPIC: '70',
    })
    ;({ service, server, vapid } = relay)
  }, 30_000)

  afterAll(() => relay?.stop())

  const member = async (keys: RoomKeys, opts: { subscribed?: boolean; from?: string } = {}) => {
    const c = await connect(server.relay, { from: opts.from })
    expect((await c.join(keys)).op).toBe(wire.Op.State)
    if (!opts.subscribed) return { c, sub: null as unknown as TestSubscription }
    const sub = await service.subscribe(vapid)
    ok(await c.ask((req) => ({ op: wire.Op.Subscribe, req, topic: keys.topic, endpoint: sub.endpoint, p256dh: sub.keys.p256dh, auth: sub.keys.auth })))
    return { c, sub }
  }
  const schedule = (c: Client, keys: RoomKeys, owner: string, id: string, at: number, text: string) =>
    c.ask((req) => ({ op: wire.Op.Schedule, req, topic: keys.topic, id, owner, at, data: seal(keys, 'push', bytes(text)) }))
  const remind = (c: Client, keys: RoomKeys, endpoint: string, id: string, at: number, text: string) =>
    c.ask((req) => ({ op: wire.Op.Remind, req, topic: keys.topic, id, endpoint, at, data: seal(keys, 'push', bytes(text)) }))
  const opened = async (sub: TestSubscription, keys: RoomKeys) =>
    (await service.messages(sub)).map((m) => textOf(open(keys, 'push', wire.readPushText(m)!.sealed)!))

  it('a burst of room-wide pushes due at one moment reaches a subscriber as one window (the first and the latest), not one each', async () => {
    const keys = room()
    const ben = await member(keys, { subscribed: true })
    const eve = await member(keys)
    const at = Date.now() + 1500
    for (let i = 0; i < 8; i++) ok(await schedule(eve.c, keys, 'eve-owner-0123456789abcdef', `burst-id-${i}`, at, `Closing ${i}`))
    let got: string[] = []
    await until(() => got.length >= 1, 10_000, async () => { got = await opened(ben.sub, keys); await sleep(50) })
    // past the window's end, and then some
    await sleep(3000 + 1500)
    got = await opened(ben.sub, keys)
    expect(got.length).toBe(2)
    ben.c.close(); eve.c.close()
  }, 30_000)

  it('refuses an owner\'s 17th room-wide push, and one further ahead than a proposal stays open', async () => {
    const keys = room()
    const ana = await member(keys)
    const owner = 'ana-owner-0123456789abcdef'
    const at = Date.now() + DAY
    for (let i = 0; i < 16; i++) ok(await schedule(ana.c, keys, owner, `closing-${i}`, at, 'x'))
    expectError(await schedule(ana.c, keys, owner, 'closing-16', at, 'x'), 'push-full')
    // replacing one it has is no new one
    ok(await schedule(ana.c, keys, owner, 'closing-3', at + 1000, 'moved'))
    expectError(await schedule(ana.c, keys, 'ana-other-0123456789abcdef', 'far-ahead', Date.now() + 90 * DAY, 'x'), 'bad-message')
    ana.c.close()
  }, 30_000)

  it('one member with many owner secrets holds at most the address\'s share: another member can still set a reminder', async () => {
    const keys = room()
    const eve = await member(keys)
    const answers: wire.RelayMessage[] = []
    for (let o = 0; o < 5; o++)
      for (let i = 0; i < 16; i++) answers.push(await schedule(eve.c, keys, `eve-owner-${o}-0123456789abcdef`, `hold-${o}-${i}`, Date.now() + DAY, 'x'))
    expect(answers.filter((m) => m.op === wire.Op.Ack).length).toBe(64)
    const ben = await member(keys, { subscribed: true, from: '127.0.0.2' })
    ok(await remind(ben.c, keys, ben.sub.endpoint, 'ben-remind-1', Date.now() + DAY, 'Ben: tomorrow'))
    ok(await schedule(ben.c, keys, 'ben-owner-0123456789abcdef', 'ben-closing', Date.now() + DAY, 'Closing'))
    eve.c.close(); ben.c.close()
  }, 30_000)
})
