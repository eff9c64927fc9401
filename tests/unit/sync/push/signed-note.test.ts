import { describe, expect, it } from 'vitest'
import { roomKeys, seal } from '../../../../src/crypto/index.ts'
import { createIdentity, sign } from '../../../../src/identity/index.ts'
import { openNote, sealNote } from '../../../../src/sync/push/note.ts'

const NOW = Date.UTC(2026, 5, 1, 12)
const hall = roomKeys('the hall, a room secret of enough length')
const other = roomKeys('another room, a secret of enough length')
const bytes = (o: unknown) => new TextEncoder().encode(JSON.stringify(o))

/**
 * A push note is sealed with the room key, which every member holds; what says who wrote it is the writer's device
 * signature inside the seal. A member can't write words under another's device, carry a note from one room into
 * another, or replay an old one.
 */
describe('signed push notes', () => {
  it('opens a note signed by the device it names, and says which device', async () => {
    const ana = await createIdentity()
    const sealed = await sealNote(hall, { body: 'Invites you: Skill share', inv: 'inv-1', at: NOW }, ana)
    expect(await openNote(hall, sealed, NOW + 1000)).toEqual({ body: 'Invites you: Skill share', inv: 'inv-1', at: NOW, by: ana.id })
  })

  it('drops a note a member wrote under another\'s device, or with no signature at all', async () => {
    const ana = await createIdentity()
    const eve = await createIdentity()
    const text = JSON.stringify({ body: 'Ana says: the party is cancelled', at: NOW })
    const signed = (s: string) => `hearth/push\n${hall.topic}\n${s}`
    // Eve signs with her own key and names Ana's device
    expect(await openNote(hall, seal(hall, 'push', bytes({ text, by: ana.id, sig: await sign(eve, signed(text)) })), NOW)).toBe(null)
    // Eve takes Ana's signature from a real note and puts her own words beside it
    const real = JSON.stringify({ body: 'Invites you: Picnic', at: NOW })
    expect(await openNote(hall, seal(hall, 'push', bytes({ text, by: ana.id, sig: await sign(ana, signed(real)) })), NOW)).toBe(null)
    // the unsigned note of before
    expect(await openNote(hall, seal(hall, 'push', bytes({ title: 'Hall', body: 'Ana invites you: free money' })), NOW)).toBe(null)
  })

  it('drops a note signed for another room, re-sealed for this one', async () => {
    const ana = await createIdentity()
    const text = JSON.stringify({ body: 'Invites you: Secret meeting', at: NOW })
    const sig = await sign(ana, `hearth/push\n${other.topic}\n${text}`)
    expect(await openNote(hall, seal(hall, 'push', bytes({ text, by: ana.id, sig })), NOW)).toBe(null)
  })

  it('drops a replay of an old note, and one dated far ahead', async () => {
    const ana = await createIdentity()
    const old = await sealNote(hall, { body: 'Invites you: Skill share', at: NOW - 3 * 24 * 3600_000 }, ana)
    expect(await openNote(hall, old, NOW)).toBe(null)
    const ahead = await sealNote(hall, { body: 'Invites you: Skill share', at: NOW + 2 * 3600_000 }, ana)
    expect(await openNote(hall, ahead, NOW)).toBe(null)
    // a reminder shows at its time, and for a while after (a phone that was off)
    const reminder = await sealNote(hall, { body: 'Tomorrow: Skill share', at: NOW + 30 * 24 * 3600_000 }, ana)
    expect(await openNote(hall, reminder, NOW + 30 * 24 * 3600_000 + 3600_000)).toMatchObject({ body: 'Tomorrow: Skill share' })
  })
})
