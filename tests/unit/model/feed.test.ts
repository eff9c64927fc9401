import { describe, expect, it } from 'vitest'
import { commands as c, createFeed } from '../../../src/model/index.ts'
import { event, expectOk, peer } from '../fixtures/model.ts'

const shown = (list: { id: string; content: { title?: string } }[]) => list.map((v) => `${v.id}:${v.content.title}`)

describe('the room feed, kept up to date', () => {
  it('after an edit and a new invitation shows what the whole room derived again shows, in its order', async () => {
    const a = await peer()
    const ids: string[] = []
    for (const title of ['one', 'two', 'three']) {
      a.clock.t += 1000
      ids.push(expectOk(await c.invite(a.room, 'event', event({ title }))).id)
    }
    const feed = createFeed(a.room)
    expect(shown(feed.list())).toEqual(shown(a.room.invitations()))
    a.clock.t += 1000
    expectOk(await c.edit(a.room, ids[1], event({ title: 'two, later' })))
    expectOk(await c.invite(a.room, 'event', event({ title: 'four' })))
    await a.room.ledger.settled()
    const list = feed.list()
    expect(shown(list)).toEqual(shown(a.room.invitations()))
    expect(list.map((v) => v.content.title)).toEqual(['four', 'three', 'two, later', 'one'])
  })
})
