import { describe, expect, it } from 'vitest'
import { makeProject, openInvitation, person, type Person } from './harness.ts'
import { gather, setup } from './setup.ts'

const env = setup()

const answer = (p: Person, label: string) => p.page.getByRole('group', { name: /Stance/ }).getByRole('button', { name: label, exact: true }).click()
const backToRoom = (p: Person) => p.page.getByRole('link', { name: 'Back to the room' }).click()
const known = (p: Person) => p.page.evaluate(() => JSON.parse(localStorage.getItem('hearth-rooms') ?? '[]') as { id: string; movedTo?: string; closedToMe?: boolean }[])
const tallyOf = (p: Person) => p.page.evaluate(() => {
  const room = (globalThis as any).__hearth.session().room
  return room.invitations().find((v: any) => v.content.remove)?.tally ?? null
})
const rekeysIn = (p: Person) => p.page.evaluate(() => (globalThis as any).__hearth.session()?.room.ledger.rekeys.size ?? 0)
const titles = (p: Person) => p.page.getByRole('link').allInnerTexts()

// a removal counts the people whose lockbox keys its proposer's device holds: one who joined a moment ago may not be there yet
const lockboxKeys = (p: Person) => p.page.evaluate(() =>
  [...(globalThis as any).__hearth.session().room.ledger.members.values()].filter((rs: any[]) => rs.some((r) => r.x)).length)

/** Ana proposes removing Cai from the People page; Ben and Dan agree, Cai blocks, and Ana closes it. */
const removeCai = async ([ana, ben, cai, dan]: Person[]) => {
  await expect.poll(() => lockboxKeys(ana), { timeout: 20_000 }).toBe(4)
  await ana.page.getByRole('link', { name: 'People', exact: true }).click()
  await ana.page.getByRole('button', { name: 'Propose removing Cai' }).click()
  await ana.page.getByRole('heading', { name: 'Remove Cai from this room' }).waitFor()
  await ana.page.getByText('This proposal would remove Cai. Their own block does not count.').waitFor()
  // whose answers count is there to see: Ana, Ben and Dan, not Cai
  const counted = ana.page.getByRole('list', { name: 'People who count' })
  await expect.poll(() => counted.getByRole('listitem').allInnerTexts().then((xs) => xs.sort()), { timeout: 20_000 }).toEqual(['Ana', 'Ben', 'Dan'])
  await counted.scrollIntoViewIfNeeded()
  await ana.page.screenshot({ path: '/tmp/removal-counted.png' })
  for (const p of [ben, dan]) {
    await openInvitation(p, 'Remove Cai from this room')
    await answer(p, 'Agree')
  }
  await openInvitation(cai, 'Remove Cai from this room')
  await cai.page.getByLabel('Reason (needed to object or block)').fill('I want to stay')
  await answer(cai, 'Block')
  await answer(ana, 'Agree')
  await expect.poll(() => tallyOf(ana), { timeout: 20_000 }).toMatchObject({ agree: 3, block: 1 })
  await ana.page.getByLabel('Outcome statement').fill('Cai is removed.')
  await ana.page.getByRole('button', { name: 'Close and record the outcome' }).click()
}

describe('removing a member by consent', () => {
  it('Cai is removed: Ana, Ben and Dan move to a new room with every invitation; it is closed to Cai, and nothing new reaches him', async () => {
    const people = await gather(env, 'Commons', 'Ana', 'Ben', 'Cai', 'Dan')
    const [ana, ben, cai, dan] = people
    await makeProject(ana, 'Tool library')
    await makeProject(cai, 'Cai’s workshop')
    await expect.poll(() => dan.page.getByRole('link', { name: /Cai’s workshop/ }).count(), { timeout: 20_000 }).toBe(1)
    const oldId = await ana.page.evaluate(() => location.hash.split('/')[2])
    await removeCai(people)

    for (const p of [ana, ben, dan]) {
      await expect.poll(async () => (await known(p)).find((r) => r.id === oldId)?.movedTo ?? '', { timeout: 30_000 }).not.toBe('')
    }
    const [to] = await Promise.all([ana, ben, dan].map(async (p) => (await known(p)).find((r) => r.id === oldId)!.movedTo!))
    for (const p of [ben, dan]) expect((await known(p)).find((r) => r.id === oldId)!.movedTo).toBe(to)
    await expect.poll(async () => (await known(cai)).find((r) => r.id === oldId)?.closedToMe ?? false, { timeout: 30_000 }).toBe(true)
    expect((await known(cai)).some((r) => r.id === to)).toBe(false)

    await backToRoom(cai)
    await cai.page.getByText(/This room is closed to you/).waitFor()
    for (const p of [ana, ben, dan]) {
      await backToRoom(p)
      await p.page.getByText(/This room has moved to a new one/).waitFor()
      expect(await p.page.getByRole('link', { name: 'Invite…' }).count()).toBe(0)
      await p.page.getByRole('link', { name: 'Open the new room' }).click()
      await p.page.waitForFunction((id) => location.hash.includes(id), to)
      for (const title of ['Tool library', 'Cai’s workshop', 'Remove Cai from this room'])
        await expect.poll(() => p.page.getByRole('link', { name: new RegExp(title) }).count(), { timeout: 30_000 }).toBe(1)
    }
    // what anyone writes afterwards never reaches Cai
    await makeProject(dan, 'After Cai')
    for (const p of [ana, ben]) await expect.poll(() => p.page.getByRole('link', { name: /After Cai/ }).count(), { timeout: 20_000 }).toBe(1)
    await cai.page.goto(`${env.server.url}#/`)
    await cai.page.getByRole('heading', { name: 'Your rooms' }).waitFor()
    expect((await titles(cai)).join('\n')).not.toMatch(/After Cai/)
    await cai.page.getByRole('link', { name: /Commons/ }).first().click()
    await cai.page.getByText(/This room is closed to you/).waitFor()
    expect(await cai.page.getByRole('link', { name: /After Cai/ }).count()).toBe(0)
    expect(await cai.page.getByRole('link', { name: /Tool library/ }).count()).toBe(1)
    await cai.page.screenshot({ path: '/tmp/removal-cai.png' })
    await ben.page.screenshot({ path: '/tmp/removal-ben.png' })
    for (const p of people) await p.context.close()
  }, 240_000)

  it('two members re-key at the same time and still end up together', async () => {
    const now = `localStorage.setItem('hearth-rekey-wait', '0')`
    const later = `localStorage.setItem('hearth-rekey-wait', '600000')`
    const people = await Promise.all([['Ana', later], ['Ben', now], ['Cai', later], ['Dan', now]].map(([n, init]) => person(env.browser, env.server.url, n, init)))
    const [ana, ben, cai, dan] = people
    await gatherInto(people, 'Workshop')
    const oldId = await ana.page.evaluate(() => location.hash.split('/')[2])
    await removeCai(people)
    for (const p of [ana, ben, dan]) {
      await expect.poll(async () => (await known(p)).find((r) => r.id === oldId)?.movedTo ?? '', { timeout: 30_000 }).not.toBe('')
    }
    // both Ben's and Dan's devices re-keyed; every device picked the same one, and the other room is dropped
    await expect.poll(() => rekeysIn(ana), { timeout: 20_000 }).toBe(2)
    const moved = await Promise.all([ana, ben, dan].map(async (p) => (await known(p)).find((r) => r.id === oldId)!.movedTo))
    expect(new Set(moved).size).toBe(1)
    for (const p of [ben, dan]) await expect.poll(async () => (await known(p)).length, { timeout: 20_000 }).toBe(2)
    await expect.poll(async () => (await known(cai)).find((r) => r.id === oldId)?.closedToMe ?? false, { timeout: 30_000 }).toBe(true)
    for (const p of people) await p.context.close()
  }, 240_000)
})

describe('leaving a room', () => {
  it('a member leaves: the prompt lists what they host, their roles are released first, and the room and its key are gone from their device', async () => {
    const [ana, ben] = await gather(env, 'Allotment', 'Ana', 'Ben')
    await makeProject(ben, 'Bike night')
    await expect.poll(() => ana.page.getByRole('link', { name: /Bike night/ }).count(), { timeout: 20_000 }).toBe(1)
    const roomId = await ben.page.evaluate(() => location.hash.split('/')[2])
    let prompt = ''
    ben.page.once('dialog', (d) => { prompt = d.message(); void d.accept() })
    await ben.page.getByRole('button', { name: 'Leave room' }).click()
    await ben.page.getByRole('heading', { name: 'Your rooms' }).waitFor()
    expect(prompt).toContain('You host these invitations')
    expect(prompt).toContain('Bike night: you are its only host, so it is cancelled')
    expect((await known(ben)).some((r) => r.id === roomId)).toBe(false)
    expect(await ben.page.evaluate(() => localStorage.getItem('hearth-rooms'))).not.toContain(roomId)
    await expect.poll(() => ana.page.evaluate(() =>
      (globalThis as any).__hearth.session().room.invitations().find((v: any) => v.content.title === 'Bike night')?.status), { timeout: 20_000 }).toBe('cancelled')
    for (const p of [ana, ben]) await p.context.close()
  }, 120_000)
})

/** gather(), for people made with their own start scripts. */
const gatherInto = async (people: Person[], roomName: string) => {
  const { createRoom, roomLinkOf, joinByLink } = await import('./harness.ts')
  await createRoom(people[0], roomName)
  const link = await roomLinkOf(people[0])
  for (const p of people.slice(1)) {
    await joinByLink(p, link)
    await p.page.getByRole('heading', { name: roomName }).waitFor()
  }
}
