import { describe, expect, it } from 'vitest'
import { open, roomKeys, seal } from '../../../../src/crypto/index.ts'
import { consentTo, createIdentity, sign, type Identity } from '../../../../src/identity/index.ts'
import { commands, type DeviceRecord } from '../../../../src/model/index.ts'
import { claimLinkOver, LINK_MS, offerLinkOver, type Carry, type Offered } from '../../../../src/sync/link-device.ts'
import { channelCarrier } from '../../../../src/sync/link-in-person.ts'

/** A relay in memory: per topic, a log that every newcomer reads from its start, and live delivery to the others. */
const memoryRelay = () => {
  const logs = new Map<string, Uint8Array[]>()
  const ears = new Map<string, Set<(d: Uint8Array) => void>>()
  const carry: Carry = (keys, heard) => {
    const set = ears.get(keys.topic) ?? new Set()
    const log = logs.get(keys.topic) ?? []
    ears.set(keys.topic, set)
    logs.set(keys.topic, log)
    let listening = true
    const ear = (d: Uint8Array) => { if (listening) heard(d) }
    queueMicrotask(() => { for (const d of [...log]) ear(d); set.add(ear) })
    return {
      post: async (d) => { log.push(d); for (const e of set) if (e !== ear) e(d) },
      close: () => { listening = false; set.delete(ear) },
    }
  }
  return { carry, log: (code: string) => logs.get(keysOf(code).topic) ?? [] }
}

const keysOf = (code: string) => roomKeys(`hearth/link/${code}`)
const say = (code: string, m: unknown) => seal(keysOf(code), 'link', new TextEncoder().encode(JSON.stringify(m)))
const heardIn = (code: string, sealed: Uint8Array) => {
  const plain = open(keysOf(code), 'link', sealed)
  return plain ? new TextDecoder().decode(plain) : null
}
const boxText = (code: string, p: string, x: string) => `hearth/link-box\n${keysOf(code).topic}\n${p}\n${x}`

const ROOM = { id: 'r'.repeat(21), secret: 's'.repeat(32), name: 'Allotment' }
const CODE = 'c'.repeat(24)

/** Ana's phone, offering a link code: what it certified, as it happened. */
const anasPhone = async () => {
  const phone = await createIdentity()
  const certified: string[] = []
  const what: Offered = {
    async certify(d, ds) {
      certified.push(d)
      const cert = await commands.certificate(phone, phone.id, d, ds)
      return [cert] as DeviceRecord[]
    },
    rooms: () => [ROOM],
    name: () => 'Ana',
  }
  return { phone, certified, what }
}

const claimFrom = async (who: Identity, person: string, code: string, box = 'A'.repeat(42) + 'E') =>
  say(code, { t: 'claim', d: who.id, ds: await consentTo(who, person), x: box, xs: await sign(who, boxText(code, person, box)) })

describe('linking a device, one exchange over any carrier', () => {
  it('gives the new device its certificate, the person’s rooms and name, and the old one says linked', async () => {
    const relay = memoryRelay()
    const { phone, certified, what } = await anasPhone()
    const laptop = await createIdentity()
    const offering = offerLinkOver(relay.carry, phone.id, what, Date.now(), CODE)
    const welcome = await claimLinkOver(relay.carry, laptop, CODE, 5000)
    expect(welcome?.p).toBe(phone.id)
    expect(welcome?.rooms).toEqual([ROOM])
    expect(welcome?.name).toBe('Ana')
    expect(welcome?.certs.some((c) => c.op === 'add' && c.d === laptop.id && c.p === phone.id)).toBe(true)
    expect(await offering.done).toBe('linked')
    expect(certified).toEqual([laptop.id])
  })

  it('works once: a second device with the same code gets nothing, and what the relay kept does not give the rooms away', async () => {
    const relay = memoryRelay()
    const { phone, certified, what } = await anasPhone()
    offerLinkOver(relay.carry, phone.id, what, Date.now(), CODE)
    expect(await claimLinkOver(relay.carry, await createIdentity(), CODE, 5000)).not.toBeNull()
    // someone who saw the code over Ana's shoulder tries it afterwards
    const thief = await createIdentity()
    expect(await claimLinkOver(relay.carry, thief, CODE, 300)).toBeNull()
    expect(certified).toHaveLength(1)
    for (const sealed of relay.log(CODE)) expect(heardIn(CODE, sealed)).not.toContain(ROOM.secret)
  })

  it('certifies one of two claims that arrive together', async () => {
    const relay = memoryRelay()
    const { phone, certified, what } = await anasPhone()
    const [a, b] = [await createIdentity(), await createIdentity()]
    // both claims are on the relay before the phone listens: it reads them in one go
    const claims = [await claimFrom(a, phone.id, CODE), await claimFrom(b, phone.id, CODE)]
    const post = relay.carry(keysOf(CODE), () => {}).post
    for (const claim of claims) await post(claim)
    const offering = offerLinkOver(relay.carry, phone.id, what, Date.now(), CODE)
    expect(await offering.done).toBe('linked')
    expect(certified).toHaveLength(1)
  })

  it('refuses an expired code, on both sides', async () => {
    const relay = memoryRelay()
    const { phone, certified, what } = await anasPhone()
    const offering = offerLinkOver(relay.carry, phone.id, what, Date.now() - LINK_MS - 1000, CODE)
    expect(await claimLinkOver(relay.carry, await createIdentity(), CODE, 300)).toBeNull()
    // a claim made anyway, properly signed, comes too late
    await relay.carry(keysOf(CODE), () => {}).post(await claimFrom(await createIdentity(), phone.id, CODE))
    await new Promise((r) => setTimeout(r, 100))
    expect(certified).toEqual([])
    offering.cancel()
  })

  it('refuses a wrong secret, a claim for someone else’s key, and a lockbox key swapped into a real claim', async () => {
    const relay = memoryRelay()
    const { phone, certified, what } = await anasPhone()
    const offering = offerLinkOver(relay.carry, phone.id, what, Date.now(), CODE)
    const [laptop, mallory] = [await createIdentity(), await createIdentity()]
    // another code: another topic and key, nothing to hear
    expect(await claimLinkOver(relay.carry, laptop, 'd'.repeat(24), 300)).toBeNull()
    const post = relay.carry(keysOf(CODE), () => {}).post
    // on the right topic, sealed with a key that is not the code's
    const wrong = seal(roomKeys('hearth/link/' + 'e'.repeat(24)), 'link', new TextEncoder().encode(JSON.stringify({ t: 'claim', d: laptop.id, ds: await consentTo(laptop, phone.id) })))
    await post(wrong)
    // Mallory holds the code and claims the laptop's key for Ana, signing its consent herself
    const box = 'B'.repeat(42) + 'E'
    await post(say(CODE, { t: 'claim', d: laptop.id, ds: await consentTo(mallory, phone.id), x: box, xs: await sign(mallory, boxText(CODE, phone.id, box)) }))
    // ... or copies the laptop's real consent and puts her own lockbox key beside it
    await post(say(CODE, { t: 'claim', d: laptop.id, ds: await consentTo(laptop, phone.id), x: box, xs: await sign(mallory, boxText(CODE, phone.id, box)) }))
    await new Promise((r) => setTimeout(r, 100))
    expect(certified).toEqual([])
    // the laptop itself still links
    expect((await claimLinkOver(relay.carry, laptop, CODE, 5000))?.rooms).toEqual([ROOM])
    expect(await offering.done).toBe('linked')
  })
})

/** Two ends of a data channel, the second connecting only when `connect` is called, as two phones at a gathering. */
const channelPair = () => {
  const end = () => ({ readyState: 'open', onmessage: null as null | ((e: { data: ArrayBuffer }) => void), send(_: Uint8Array) {}, close() { this.readyState = 'closed' } })
  const [a, b] = [end(), end()]
  a.send = (d) => queueMicrotask(() => b.onmessage?.({ data: d.slice().buffer }))
  b.send = (d) => queueMicrotask(() => a.onmessage?.({ data: d.slice().buffer }))
  let connect = () => {}
  const connected = new Promise<void>((r) => { connect = r })
  return { a: connected.then(() => a as unknown as RTCDataChannel), b: connected.then(() => b as unknown as RTCDataChannel), connect }
}

describe('linking a device in person', () => {
  it('runs the same exchange over a direct channel, the offer waiting until the other device connects', async () => {
    const { phone, certified, what } = await anasPhone()
    const laptop = await createIdentity()
    const pair = channelPair()
    const offering = offerLinkOver(channelCarrier(pair.a), phone.id, what, Date.now(), CODE)
    const welcome = claimLinkOver(channelCarrier(pair.b), laptop, CODE, 5000)
    pair.connect()
    expect((await welcome)?.rooms).toEqual([ROOM])
    expect(await offering.done).toBe('linked')
    expect(certified).toEqual([laptop.id])
  })

  it('keeps the code’s secret: a device that connects without it hears nothing it can open and is not certified', async () => {
    const { phone, certified, what } = await anasPhone()
    const pair = channelPair()
    const offering = offerLinkOver(channelCarrier(pair.a), phone.id, what, Date.now(), CODE)
    const welcome = claimLinkOver(channelCarrier(pair.b), await createIdentity(), 'f'.repeat(24), 300)
    pair.connect()
    expect(await welcome).toBeNull()
    expect(certified).toEqual([])
    offering.cancel()
  })
})
