import ICAL from 'ical.js'
import { describe, expect, it } from 'vitest'
import { createRoom, makeEvent, openInvitation, type Person } from './harness.ts'
import { gather, setup } from './setup.ts'

const env = setup()

/** The events a calendar app subscribed to `url` would list now (read by ical.js), or the HTTP status when there are none. */
const subscribed = async (url: string): Promise<string[] | number> => {
  const r = await fetch(url)
  if (!r.ok) return r.status
  expect(r.headers.get('content-type')).toMatch(/^text\/calendar/)
  const cal = new ICAL.Component(ICAL.parse(await r.text()))
  return cal.getAllSubcomponents('vevent').map((v) => {
    const e = new ICAL.Event(v)
    return `${e.summary} @ ${e.location} ${e.startDate.toJSDate().toISOString()}`
  }).sort()
}

const settings = async (p: Person) => {
  await p.page.goto(`${env.server.url}#/settings`)
  await p.page.getByRole('heading', { name: 'Calendar feed' }).waitFor()
}
const room = async (p: Person, name: string) => {
  await p.page.goto(`${env.server.url}#/`)
  await p.page.getByRole('link', { name: new RegExp(`^${name}`) }).click()
  await p.page.getByRole('heading', { name }).waitFor()
}

describe('a calendar feed at the relay', () => {
  it('Ana publishes the events she is going to, in every room; her yes reaches the feed; after "Stop publishing" the link is gone', async () => {
    const [ben, ana] = await gather(env, 'Lantern club', 'Ben', 'Ana')
    await makeEvent(ben, 'Lantern walk', { start: '2030-11-11T17:00', end: '2030-11-11T19:00', place: 'The old bridge' })
    // a room of Ana's own, with an event she hosts, that she leaves before publishing
    await ana.page.goto(`${env.server.url}#/`)
    await createRoom(ana, 'Book club')
    await makeEvent(ana, 'Reading night', { start: '2030-11-20T19:00', end: '2030-11-20T21:00', place: 'The library' })

    await settings(ana)
    await expect.poll(() => ana.page.getByText('The relay will be able to read the events you’re going to: titles, times, places. Anyone with the link can too.').count()).toBe(1)
    await ana.page.getByRole('button', { name: 'Publish a calendar feed' }).click()
    const link = ana.page.getByLabel('Link to your calendar feed')
    await link.waitFor({ timeout: 20_000 })
    const url = await link.inputValue()
    expect(url).toMatch(new RegExp(`^${env.server.url}feed/[A-Za-z0-9_-]{22}\\.ics$`))
    expect(await ana.page.getByRole('link', { name: 'Subscribe in your calendar app' }).getAttribute('href')).toBe(url.replace(/^http:/, 'webcal:'))
    if (process.env.SHOT_DIR) await ana.page.screenshot({ path: `${process.env.SHOT_DIR}/feed-settings.png`, fullPage: false })
    // what she hosts in the other room is there from the start; Ben's walk isn't, she hasn't said yes
    expect(await subscribed(url)).toEqual(['Reading night @ The library 2030-11-20T18:00:00.000Z'])

    await room(ana, 'Lantern club')
    await openInvitation(ana, 'Lantern walk')
    await ana.page.getByRole('button', { name: 'Yes', exact: true }).click()
    await expect.poll(() => subscribed(url), { timeout: 20_000 }).toEqual([
      'Lantern walk @ The old bridge 2030-11-11T16:00:00.000Z',
      'Reading night @ The library 2030-11-20T18:00:00.000Z',
    ])
    // a no takes it out again
    await ana.page.getByRole('button', { name: 'No', exact: true }).click()
    await expect.poll(() => subscribed(url), { timeout: 20_000 }).toEqual(['Reading night @ The library 2030-11-20T18:00:00.000Z'])

    await settings(ana)
    ana.page.once('dialog', (d) => void d.accept())
    await ana.page.getByRole('button', { name: 'Stop publishing' }).click()
    await ana.page.getByRole('button', { name: 'Publish a calendar feed' }).waitFor()
    expect(await subscribed(url)).toBe(404)
    // forgotten here too: after a reload, nothing is published and nothing comes back at that link
    await ana.page.reload()
    await ana.page.getByRole('button', { name: 'Publish a calendar feed' }).waitFor()
    expect(await ana.page.getByLabel('Link to your calendar feed').count()).toBe(0)
    expect(await subscribed(url)).toBe(404)
    for (const p of [ana, ben]) await p.context.close()
  }, 120_000)
})
