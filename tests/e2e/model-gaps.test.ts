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
  // Skipped until the model refuses it. Cause: src/model/fold.ts, `case 'attended'`, counts an "attended"
  // version from any host at any time, for any members including the signer; src/model/track.ts then lists
  // "Showed up for" for everyone on it who said yes. The screens only offer "Who came?" once the event has
  // begun and never for a host (src/ui/parts/HostTools.tsx), but another client can sign it anyway.
  it.skip('attendance recorded before the event, or by a host for themselves, counts for nothing', async () => {
    const [ana, ben] = await gather(env, 'Recognition', 'Ana', 'Ben')
    await makeEvent(ana, 'Future gathering')
    await ana.page.getByRole('button', { name: 'Yes', exact: true }).click()
    await openInvitation(ben, 'Future gathering')
    await ben.page.getByRole('button', { name: 'Yes', exact: true }).click()
    await ana.page.waitForTimeout(1000)
    expect((await recordAttendance(ana, 'Future gathering', 'Ben')).ok).toBe(true)
    expect((await recordAttendance(ana, 'Future gathering', 'me')).ok).toBe(true)
    await ben.page.getByRole('link', { name: 'Back to the room' }).click()
    await ben.page.getByRole('link', { name: 'People', exact: true }).click()
    await ben.page.getByRole('heading', { name: /^Ana/ }).waitFor()
    await ben.page.waitForTimeout(2000)
    expect(await showedUp(ben, 'Ben')).toBe(0)
    expect(await showedUp(ben, 'Ana')).toBe(0)
    for (const p of [ana, ben]) await p.context.close()
  }, 60_000)
})
