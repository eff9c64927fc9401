import { describe, expect, it } from 'vitest'
import { makeEvent, openInvitation, type Person } from './harness.ts'
import { gather, setup } from './setup.ts'

const env = setup()

/** What any member's phone can sign, whatever its screens offer: the model must refuse what isn't so. */
const recordAttendance = (p: Person, title: string, who: 'me' | string) =>
  p.page.evaluate(async ([title, who]) => {
    const h = (globalThis as any).__hearth
    const room = h.session().room
    const v = room.invitations().find((x: any) => x.content.title === title)
    const member = who === 'me' ? room.me.id : room.members().find((m: any) => m.name === who).id
    return h.commands.recordAttendance(room, v.id, [member])
  }, [title, who] as const)

const showedUp = (p: Person, name: string) =>
  p.page.getByRole('listitem').filter({ has: p.page.getByRole('heading', { name: new RegExp(`^${name}`) }) }).getByText(/Showed up for/).count()

describe('what only the model can guard', () => {
  // The model (src/model/views/fold.ts, `case 'attended'`) counts "who came" only once the event has begun, and never
  // a host's word about themselves; the phone refuses to sign what wouldn't count (tests/unit/model/hostile-time.test.ts
  // signs it anyway and shows every peer ignoring it).
  it('attendance recorded before the event, or by a host for themselves, counts for nothing', async () => {
    const [ana, ben] = await gather(env, 'Recognition', 'Ana', 'Ben')
    await makeEvent(ana, 'Future gathering')
    await ana.page.getByRole('button', { name: 'Yes', exact: true }).click()
    await openInvitation(ben, 'Future gathering')
    await ben.page.getByRole('button', { name: 'Yes', exact: true }).click()
    await ana.page.waitForTimeout(1000)
    expect((await recordAttendance(ana, 'Future gathering', 'Ben')).ok).toBe(false)
    expect((await recordAttendance(ana, 'Future gathering', 'me')).ok).toBe(false)
    await ben.page.getByRole('link', { name: 'Back to the room' }).click()
    await ben.page.getByRole('link', { name: 'People', exact: true }).click()
    await ben.page.getByRole('heading', { name: /^Ana/ }).waitFor()
    await ben.page.waitForTimeout(2000)
    expect(await showedUp(ben, 'Ben')).toBe(0)
    expect(await showedUp(ben, 'Ana')).toBe(0)
    for (const p of [ana, ben]) await p.context.close()
  }, 60_000)
})
