import ICAL from 'ical.js'
import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { listUnder, makeEvent, openInvitation, type Person } from './harness.ts'
import { gather, setup } from './setup.ts'

const env = setup()

const home = async (p: Person) => {
  const back = p.page.getByRole('link', { name: 'Back to the room' })
  if (await back.count()) await back.click()
  await p.page.getByRole('link', { name: 'All rooms' }).click()
  await p.page.getByRole('heading', { name: 'Your rooms' }).waitFor()
}
const roomCard = (p: Person, room: string) => p.page.getByRole('link', { name: new RegExp(`^${room}`) })

/** The events in an .ics file the page offers, as a calendar app would list them (read by ical.js). */
const download = async (p: Person, button: string) => {
  const [file] = await Promise.all([p.page.waitForEvent('download'), p.page.getByRole('button', { name: button }).click()])
  const cal = new ICAL.Component(ICAL.parse(await readFile((await file.path())!, 'utf8')))
  for (const z of cal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(z))
  const titles: string[] = []
  for (const v of cal.getAllSubcomponents('vevent').filter((v) => !v.hasProperty('recurrence-id'))) {
    const e = new ICAL.Event(v)
    if (!e.isRecurring()) { titles.push(`${e.summary} ${e.startDate.toJSDate().toISOString()}`); continue }
    const it = e.iterator()
    for (let next = it.next(); next; next = it.next()) titles.push(`${e.summary} ${e.getOccurrenceDetails(next).startDate.toJSDate().toISOString()}`)
  }
  ICAL.TimezoneService.reset()
  return titles.sort()
}

describe("what's new, calendars and repeating events", () => {
  it("marks what is new for a second person, on the room list and on the cards, and clears it as they see it", async () => {
    const [ana, ben] = await gather(env, 'Allotment', 'Ana', 'Ben')
    await home(ben)
    await makeEvent(ana, 'Seed swap')
    // Ana leaves the room for her room list: what happens there from now on is news to her
    await home(ana)
    // Ben is on the room list: the room says what is new
    await expect.poll(() => roomCard(ben, 'Allotment').innerText(), { timeout: 15_000 }).toContain('1 new invitation')
    await roomCard(ben, 'Allotment').click()
    await expect.poll(() => ben.page.getByText('New since you last looked').count(), { timeout: 10_000 }).toBe(1)
    const card = ben.page.getByRole('link', { name: /Seed swap/ })
    await expect.poll(() => card.innerText()).toMatch(/\bNew\b/)
    await openInvitation(ben, 'Seed swap')
    await ben.page.getByRole('button', { name: 'Yes', exact: true }).click()
    await ben.page.getByRole('link', { name: 'Back to the room' }).click()
    await expect.poll(() => ben.page.getByRole('link', { name: /Seed swap/ }).innerText()).not.toMatch(/\bNew\b/)
    // Ana, on her room list, learns of Ben's answer to what she hosts
    await expect.poll(() => roomCard(ana, 'Allotment').innerText(), { timeout: 15_000 }).toContain('1 new answer')
    await roomCard(ana, 'Allotment').click()
    await expect.poll(() => ana.page.getByRole('link', { name: /Seed swap/ }).innerText(), { timeout: 10_000 }).toContain('1 new answer')
    await openInvitation(ana, 'Seed swap')
    await expect.poll(() => listUnder(ana, /^Going/)).toContain('Ben')
    await home(ana)
    expect(await roomCard(ana, 'Allotment').innerText()).not.toContain('new answer')
    for (const p of [ana, ben]) await p.context.close()
  }, 90_000)

  it('a weekly event is answered date by date, and the room calendar carries the series', async () => {
    const [ana, ben] = await gather(env, 'Skill share', 'Ana', 'Ben')
    await makeEvent(ana, 'Bike repair night', { start: '2030-10-16T18:00', end: '2030-10-16T20:00', repeat: 'Every week', times: 3 })
    await openInvitation(ben, 'Bike repair night')
    const dates = ben.page.getByLabel('Date', { exact: true })
    const options = await dates.locator('option').allInnerTexts()
    expect(options).toHaveLength(3)
    await ben.page.getByText('Every week, 3 times').waitFor()
    // Ben can come to the second date only
    await dates.selectOption({ index: 1 })
    await ben.page.getByRole('button', { name: 'Yes', exact: true }).click()
    await expect.poll(() => listUnder(ben, /^Going/)).toContain('Ben')
    await dates.selectOption({ index: 0 })
    await expect.poll(() => listUnder(ben, /^Going/)).not.toContain('Ben')
    // Ana sees the same: nobody on the first date, Ben on the second
    await ana.page.getByLabel('Date', { exact: true }).selectOption({ index: 1 })
    await expect.poll(() => listUnder(ana, /^Going/), { timeout: 10_000 }).toContain('Ben')
    // she cancels the third date; Ben can no longer answer it
    await ana.page.getByLabel('Date', { exact: true }).selectOption({ index: 2 })
    await ana.page.getByRole('button', { name: 'Cancel this date' }).click()
    await ben.page.getByLabel('Date', { exact: true }).selectOption({ index: 2 })
    await expect.poll(() => ben.page.getByText('This date is cancelled.').count(), { timeout: 10_000 }).toBe(1)
    // the room's calendar: the series without its cancelled date, at 18:00 in Berlin on each
    await ana.page.getByRole('link', { name: 'Back to the room' }).click()
    const all = await download(ana, 'Upcoming events (.ics)')
    expect(all).toEqual(['Bike repair night 2030-10-16T16:00:00.000Z', 'Bike repair night 2030-10-23T16:00:00.000Z'])
    for (const p of [ana, ben]) await p.context.close()
  }, 90_000)
})
