import { describe, expect, it } from 'vitest'
import { newKitSeed, readKitCode, writeKitCode } from '../../../src/crypto/index.ts'
import { createIdentity, kitIdentity, sign, verify } from '../../../src/identity/index.ts'
import { kit, newRoomRef } from '../../../src/sync/index.ts'

const { kitCode, kitText, readKit } = await kit()

const words = { title: 'Hearth recovery kit', warning: 'Whoever holds this can become you.', code: 'Code:', rooms: 'Rooms:' }

describe('recovery kit', () => {
  it('gives back the same key and person from its code, typed with any case and spacing', async () => {
    const seed = newKitSeed()
    const person = await createIdentity()
    const code = kitCode(seed, person.id)!
    expect(code).toMatch(/^HK1-[0-9A-Z-]+$/)
    const read = readKit(` ${code.toLowerCase().replace(/-/g, ' ')} `)
    if ('code' in read) throw new Error('unread')
    expect(read.person).toBe(person.id)
    expect((await kitIdentity(read.seed)).id).toBe((await kitIdentity(seed)).id)
  })

  it("signs under the app's one verify rule", async () => {
    const kit = await kitIdentity(newKitSeed())
    const sig = await sign(kit, 'hearth/device')
    expect(await verify(kit.id, 'hearth/device', sig)).toBe(true)
    expect(await verify(kit.id, 'hearth/device!', sig)).toBe(false)
  })

  it('refuses a code with one character changed, one missing, or none at all', async () => {
    const code = writeKitCode(newKitSeed(), new Uint8Array(32).fill(7))
    const i = code.length - 9
    const changed = code.slice(0, i) + (code[i] === 'A' ? 'B' : 'A') + code.slice(i + 1)
    expect(readKitCode(changed)).toBeNull()
    expect(readKitCode(code.slice(0, -1))).toBeNull()
    expect(readKit('hello')).toEqual({ code: 'kit-code-damaged' })
    expect(readKit(changed)).toEqual({ code: 'kit-code-damaged' })
  })

  it('reads back the room links the kit text carries', async () => {
    const person = await createIdentity()
    const rooms = [newRoomRef('Book club'), newRoomRef('Family')]
    const text = kitText(words, kitCode(newKitSeed(), person.id)!, rooms, 'https://hearth.example/')
    const read = readKit(text)
    if ('code' in read) throw new Error('unread')
    expect(read.rooms.map((r) => [r.id, r.secret])).toEqual(rooms.map((r) => [r.id, r.secret]))
  })
})
