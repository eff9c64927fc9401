import { describe, expect, it } from 'vitest'
import { commands as c, createFeed } from '../../../src/model/index.ts'
import { event, expectOk, forge, inject, peer, project, sync } from '../fixtures/model.ts'

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

  it('drops at once an invitation the room stops counting: its host forked the chain under it after others had it open', async () => {
    const mal = await peer()
    const ben = await peer()
    const { id } = expectOk(await c.invite(mal.room, 'project', project({ title: 'Forked away' })))
    await sync(mal, ben)
    const feed = createFeed(ben.room)
    expect(feed.list().map((v) => v.id)).toContain(id)
    const create = mal.room.ledger.chains.head(mal.me.id)!
    // a second record at the create's seq: which side of the fork loses depends on the hashes, so try a few
    for (let i = 0; i < 8 && ben.room.invitation(id); i++) {
      await inject(ben, await forge(mal.me, { t: 'mem', n: 100 + i, by: mal.me.id, name: `Mal ${i}`, seq: create.seq, prev: create.prev }))
    }
    expect(ben.room.invitation(id)).toBeNull()
    expect(feed.list().map((v) => v.id)).not.toContain(id)
  })
})
