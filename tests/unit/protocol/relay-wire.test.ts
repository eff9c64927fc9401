import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import * as wire from '../../../src/protocol/index.ts'

const { Op } = wire
type State = Extract<wire.RelayMessage, { op: wire.Op.State }>

/** a State as relays before the epoch wrote it */
const oldState = (m: State) => {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, Op.State)
  encoding.writeVarUint(e, m.req); encoding.writeVarString(e, m.topic); encoding.writeVarUint(e, m.head)
  encoding.writeVarUint(e, m.snapshot ? 1 : 0)
  if (m.snapshot) { encoding.writeVarUint(e, m.snapshot.seq); encoding.writeVarUint8Array(e, m.snapshot.data) }
  encoding.writeVarUint(e, m.updates.length)
  for (const u of m.updates) { encoding.writeVarUint(e, u.seq); encoding.writeVarUint8Array(e, u.data) }
  return encoding.toUint8Array(e)
}

const known: State = { op: Op.State, req: 3, topic: 'T'.repeat(43), head: 9, snapshot: { seq: 7, data: new Uint8Array([1, 2]) }, updates: [{ seq: 8, data: new Uint8Array([3]) }, { seq: 9, data: new Uint8Array([]) }] }

describe('relay wire: State', () => {
  it("carries the room's epoch at its end, so a client from before it still reads every field it knows", () => {
    const m: State = { ...known, epoch: 'AbCdEfGhIjK' }
    const bytes = wire.encodeRelay(m)
    expect(wire.decodeRelay(bytes)).toEqual(m)
    // an older client reads the fields it knows in order and leaves what follows
    const before = oldState(known)
    expect(bytes.subarray(0, before.length)).toEqual(before)
  })

  it('says when a State is one part of more, after the epoch', () => {
    const m: State = { ...known, epoch: 'AbCdEfGhIjK', more: true }
    expect(wire.decodeRelay(wire.encodeRelay(m))).toEqual(m)
    expect(wire.decodeRelay(wire.encodeRelay({ ...known, more: true }))).toEqual({ ...known, more: true })
    expect(wire.decodeRelay(wire.encodeRelay({ ...known, epoch: 'AbCdEfGhIjK', more: false }))).toEqual({ ...known, epoch: 'AbCdEfGhIjK' })
  })

  it('reads a State from a relay from before the epoch (or for a room with no entries) as having none', () => {
    expect(wire.decodeRelay(oldState(known))).toEqual(known)
    expect(wire.encodeRelay({ ...known, epoch: '' })).toEqual(oldState(known))
  })
})

describe('relay wire: live copies', () => {
  const challenge = { op: Op.Challenge, nonce: new Uint8Array(32).fill(7) } as const
  const join = { op: Op.Join, req: 1, topic: 'T'.repeat(43), pub: new Uint8Array(32), sig: new Uint8Array(64), since: 4 } as const

  it('offers them at the end of a Challenge, which a client from before reads as the Challenge it knows', () => {
    const offered = wire.encodeRelay({ ...challenge, live: 1 })
    const plain = wire.encodeRelay(challenge)
    expect(offered.subarray(0, plain.length)).toEqual(plain)
    expect(wire.decodeRelay(offered)).toEqual({ ...challenge, live: 1 })
    expect(wire.decodeRelay(plain)).toEqual(challenge)
  })

  it('asks for them at the end of a Join, and a Join without the flag is the Join it always was', () => {
    expect(wire.decodeClient(wire.encodeClient({ ...join, live: 1 }))).toEqual({ ...join, live: 1 })
    expect(wire.encodeClient(join)).toEqual(wire.encodeClient({ ...join, live: undefined }))
    expect(wire.decodeClient(wire.encodeClient(join))).toEqual(join)
    // anything past the flag is still not a Join
    expect(wire.decodeClient(new Uint8Array([...wire.encodeClient({ ...join, live: 1 }), 1]))).toBeNull()
  })

  it('carries a Live copy and a Stored range', () => {
    const live = { op: Op.Live, topic: 'T'.repeat(43), seq: 12, data: new Uint8Array([1, 2, 3]) } as const
    const stored = { op: Op.Stored, topic: 'T'.repeat(43), from: 12, to: 14 } as const
    expect(wire.decodeRelay(wire.encodeRelay(live))).toEqual(live)
    expect(wire.decodeRelay(wire.encodeRelay(stored))).toEqual(stored)
    expect(wire.decodeClient(wire.encodeRelay(live))).toBeNull()
  })
})
