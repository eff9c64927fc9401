import { describe, expect, it } from 'vitest'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import * as Y from 'yjs'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { applySliced } from '../../../../src/sync/guard/index.ts'
import { noisy } from '../../fixtures/halves.ts'

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

/** an update of a client whose first record this document never got: nothing of it can be placed */
const unplaceable = (client: number) => {
  const d = new Y.Doc()
  d.clientID = client
  d.getMap('records').set(...noisy('first'))
  const sv = Y.encodeStateVector(d)
  d.transact(() => { for (let j = 0; j < 1200; j++) d.getMap('records').set(...noisy(`k${client}-${j}`)) })
  return Y.encodeStateAsUpdate(d, sv)
}

describe('aside: what an update set aside keeps alive', () => {
  // a peer's sync step 2 hands the guard a view into its whole message (up to 72 MB): what waits aside must not keep it
  it('a peer’s message around an update set aside is not kept with it', async () => {
    const ben = new Y.Doc()
    const send = async (i: number) => {
      const e = encoding.createEncoder()
      encoding.writeVarUint8Array(e, unplaceable(5000 + i))
      encoding.writeUint8Array(e, new Uint8Array(16 * 1024 * 1024)) // bytes past it nobody reads
      const message = encoding.toUint8Array(e)
      const update = decoding.readVarUint8Array(decoding.createDecoder(message))
      if (update.buffer !== message.buffer) throw new Error('the update is not a view into its message')
      await applySliced(ben, update, 'peer', 'a peer', undefined, true)
      return new WeakRef(message.buffer as ArrayBuffer)
    }
    const refs: WeakRef<ArrayBuffer>[] = []
    for (let i = 0; i < 4; i++) refs.push(await send(i))
    expect(ben.getMap('records').size).toBe(0) // all four wait aside
    await applySliced(ben, new Uint8Array([0, 0]), 'peer', 'a peer') // the queue moves past the last of them
    for (let i = 0; i < 5 && refs.some((r) => r.deref()); i++) { await new Promise((r) => setTimeout(r, 20)); gc() }
    expect(refs.map((r) => !!r.deref())).toEqual([false, false, false, false])
  })
})

describe('aside: a squat under this phone’s own client id', () => {
  // a member writing under this phone's client id, past its clock, must meet the squat check when it comes
  it('is caught when it comes: the phone moves to a fresh client id', async () => {
    const ben = new Y.Doc()
    const id = ben.clientID
    const mal = new Y.Doc()
    mal.clientID = id
    mal.getMap('records').set(...noisy('m0'))
    const sv = Y.encodeStateVector(mal)
    mal.transact(() => { for (let i = 1; i < 1500; i++) mal.getMap('records').set(...noisy(`m${i}`)) })
    const squat = Y.encodeStateAsUpdate(mal, sv) // ben's client from clock 1: ben holds 0 of it
    expect(squat.length).toBeGreaterThan(256 * 1024)
    await applySliced(ben, squat, 'peer', 'a peer', undefined, true)
    expect(ben.clientID).not.toBe(id)
  })
})
