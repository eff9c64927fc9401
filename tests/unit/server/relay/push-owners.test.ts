import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { open, seal, type RoomKeys } from '../../../../src/crypto/index.ts'
import * as wire from '../../../../src/protocol/index.ts'
import { bytes, connect, expectError, room, sleep, textOf, until, type Server } from '../../fixtures/relay.ts'
import { startPushRelay, type PushService, type TestSubscription } from './push-service.ts'

type Client = Awaited<ReturnType<typeof connect>>
const ok = (m: wire.RelayMessage) => expect(m).toMatchObject({ op: wire.Op.Ack })

/**
 * Reminders belong to whoever scheduled them: a personal one to its endpoint (which only that browser and the relay
 * know), a room-wide one (a proposal about to close) to its owner's secret. A member who knows or guesses the id
 * can neither cancel nor replace another's.
 */
describe.each(['embedded', 'redis'] as const)('reminders are their owner\'s (%s)', (backend) => {
  let relay: Awaited<ReturnType<typeof startPushRelay>>
  let service: PushService
  let server: Server
  let vapid = ''

  beforeAll(async () => {
    relay = await startPushRelay(backend, 'push-owners', { PUSH_PER_MINUTE: '4' })
    ;({ service, server, vapid } = relay)
  }, 30_000)

  afterAll(() => relay?.stop())

  const member = async (keys: RoomKeys, subscribed = true) => {
    const c = await connect(server.relay)
    expect((await c.join(keys)).op).toBe(wire.Op.State)
    if (!subscribed) return { c, sub: null as unknown as TestSubscription }
    const sub = await service.subscribe(vapid)
    ok(await c.ask((req) => ({ op: wire.Op.Subscribe, req, topic: keys.topic, endpoint: sub.endpoint, p256dh: sub.keys.p256dh, auth: sub.keys.auth })))
    return { c, sub }
  }
  const remind = (c: Client, keys: RoomKeys, endpoint: string, id: string, at: number, text: string) =>
    c.ask((req) => ({ op: wire.Op.Remind, req, topic: keys.topic, id, endpoint, at, data: seal(keys, 'push', bytes(text)) }))
  const schedule = (c: Client, keys: RoomKeys, owner: string, id: string, at: number, text: string) =>
    c.ask((req) => ({ op: wire.Op.Schedule, req, topic: keys.topic, id, owner, at, data: seal(keys, 'push', bytes(text)) }))
  const cancel = (c: Client, keys: RoomKeys, owner: string, id: string) => c.ask((req) => ({ op: wire.Op.Cancel, req, topic: keys.topic, id, owner }))
  const opened = async (sub: TestSubscription, keys: RoomKeys) =>
    (await service.messages(sub)).map((m) => textOf(open(keys, 'push', wire.readPushText(m)!.sealed)!))
  const received = async (sub: TestSubscription, keys: RoomKeys, n: number) => {
    let got: string[] = []
    await until(() => got.length >= n, 20_000, async () => { got = await opened(sub, keys); await sleep(50) })
    return got
  }

  it('a member who knows another\'s reminder id can neither cancel it nor replace it', async () => {
    const keys = room()
    const ben = await member(keys)
    const eve = await member(keys)
    const at = Date.now() + 1500
    ok(await remind(ben.c, keys, ben.sub.endpoint, 'ben-skillshare-d', at, 'Ben: tomorrow'))
    // Eve guessed the id (device prefix, invitation, date): she cancels it with what she has, and schedules her own under it
    await cancel(eve.c, keys, eve.sub.endpoint, 'ben-skillshare-d')
    ok(await remind(eve.c, keys, eve.sub.endpoint, 'ben-skillshare-d', at, 'Eve: tomorrow'))
    expect(await received(ben.sub, keys, 1)).toEqual(['Ben: tomorrow'])
    expect(await received(eve.sub, keys, 1)).toEqual(['Eve: tomorrow'])
    // and Ben's own cancel still works
    ok(await remind(ben.c, keys, ben.sub.endpoint, 'ben-later', Date.now() + 1000, 'cancelled'))
    ok(await cancel(ben.c, keys, ben.sub.endpoint, 'ben-later'))
    await sleep(2000)
    expect(await opened(ben.sub, keys)).toEqual(['Ben: tomorrow'])
    ben.c.close(); eve.c.close()
  }, 30_000)

  it('a room-wide push fires at its time to every subscriber of the topic, and not after its owner cancels it', async () => {
    const keys = room()
    const ben = await member(keys)
    const cai = await member(keys)
    const ana = await member(keys, false)
    const eve = await member(keys, false)
    const owner = 'ana-device-secret-0123456789abcdef'
    const at = Date.now() + 1500
    ok(await schedule(ana.c, keys, owner, 'closing-budget', at, 'Budget closes in 3 hours'))
    ok(await schedule(ana.c, keys, owner, 'closing-garden', at, 'Garden closes in 3 hours'))
    ok(await cancel(ana.c, keys, owner, 'closing-garden'))
    // Eve knows the id but not the owner's secret: nothing of Ana's moves
    await cancel(eve.c, keys, 'eve-guess-0123456789abcdefghij', 'closing-budget')
    ok(await schedule(eve.c, keys, 'eve-guess-0123456789abcdefghij', 'closing-budget', at + 60_000, 'Eve replaced it'))
    for (const who of [ben, cai]) expect(await received(who.sub, keys, 1)).toEqual(['Budget closes in 3 hours'])
    expect(Date.now()).toBeGreaterThanOrEqual(at)
    await sleep(1500)
    for (const who of [ben, cai]) expect(await opened(who.sub, keys)).toEqual(['Budget closes in 3 hours'])
    ben.c.close(); cai.c.close(); ana.c.close(); eve.c.close()
  }, 30_000)

  it('a room-wide push needs the join proof, a secret owner, and counts against the sender\'s cap', async () => {
    const keys = room()
    const ana = await member(keys, false)
    const stranger = await connect(server.relay)
    expectError(await schedule(stranger, keys, 'stranger-owner-0123456789', 'closing-x1', Date.now() + 60_000, 'x'), 'not-joined')
    expectError(await schedule(ana.c, keys, 'short', 'closing-x2', Date.now() + 60_000, 'x'), 'bad-message')
    const answers = []
    for (let i = 1; i <= 6; i++) answers.push(await schedule(ana.c, keys, 'ana-owner-0123456789abcdef', `closing-n${i}`, Date.now() + 3_600_000, 'x'))
    answers.slice(0, 4).forEach(ok)
    answers.slice(4).forEach((m) => expectError(m, 'rate-limited'))
    stranger.close(); ana.c.close()
  })
})
