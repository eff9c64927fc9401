import { describe, expect, it } from 'vitest'
import { blockWebrtc, createRoom, joinByLink, makeEvent, openInvitation, person, roomLinkOf, savedOnRelay, type Person, withServer } from './harness.ts'
import { gather, setup } from './setup.ts'

const env = setup()

const comment = (p: Person, name: string) => p.page.getByRole('article', { name: `Comment by ${name}` })
const post = async (p: Person, text: string) => {
  await p.page.getByLabel('Write a comment').fill(text)
  await p.page.getByRole('button', { name: 'Post comment' }).click()
}
const backToRoom = (p: Person) => p.page.getByRole('link', { name: 'Back to the room' }).click()

describe('discussion', () => {
  it('members comment and reply live; the author edits and withdraws; a host hides', async () => {
    const [ana, ben] = await gather(env, 'Tenants', 'Ana', 'Ben')
    await makeEvent(ana, 'Building meeting')
    await openInvitation(ben, 'Building meeting')

    await post(ben, 'Can we talk about the heating?')
    await comment(ana, 'Ben').getByText('Can we talk about the heating?').waitFor()
    await expect.poll(() => ana.page.getByRole('heading', { name: 'Discussion (1)' }).count()).toBe(1)

    await comment(ana, 'Ben').getByRole('button', { name: 'Reply to Ben' }).click()
    await ana.page.getByLabel('Your reply to Ben').fill('Yes, first item.')
    await ana.page.getByRole('button', { name: 'Post reply' }).click()
    // the reply sits under Ben's comment, on both phones
    await comment(ben, 'Ben').locator('xpath=..').getByRole('article', { name: 'Comment by Ana' }).getByText('Yes, first item.').waitFor()

    // a reply being written survives others' activity on the invitation
    await comment(ana, 'Ben').getByRole('button', { name: 'Reply to Ben' }).click()
    await ana.page.getByLabel('Your reply to Ben').fill('Half-written thought')
    await post(ben, 'Also: the bins.')
    await ana.page.getByText('Also: the bins.').waitFor()
    expect(await ana.page.getByLabel('Your reply to Ben').inputValue()).toBe('Half-written thought')
    await comment(ana, 'Ben').first().getByRole('button', { name: 'Cancel' }).click()

    // an empty comment gets a message, and nothing is posted
    await post(ben, '   ')
    await ben.page.getByRole('alert').filter({ hasText: 'Please write something first.' }).waitFor()

    await comment(ben, 'Ben').getByRole('button', { name: 'Edit' }).first().click()
    await ben.page.getByLabel('Change your comment').fill('Can we talk about the heating and the lift?')
    await ben.page.getByRole('button', { name: 'Save' }).click()
    await comment(ana, 'Ben').getByText('Can we talk about the heating and the lift?').waitFor()
    await comment(ana, 'Ben').getByText('(edited)').first().waitFor()

    // Ana hosts: she may hide a comment; Ben is a guest and is not offered that
    await post(ben, 'Buy cheap watches at spam.example')
    await ana.page.getByText('Buy cheap watches at spam.example').waitFor()
    expect(await comment(ben, 'Ana').getByRole('button', { name: 'Hide' }).count()).toBe(0)
    await ana.page.getByRole('article', { name: 'Comment by Ben' }).filter({ hasText: 'spam.example' }).getByRole('button', { name: 'Hide' }).click()
    await ana.page.getByText('A host hid this comment from the invitation.').waitFor()
    expect(await ana.page.getByText('Buy cheap watches at spam.example').count()).toBe(0)
    await ben.page.getByText('A host hid your comment from the invitation. Others don’t see it.').waitFor()

    ben.page.once('dialog', (d) => d.accept())
    await ben.page.getByRole('article', { name: 'Comment by Ben' }).filter({ hasText: 'heating and the lift' }).getByRole('button', { name: 'Withdraw' }).click()
    // it was answered, so a place-holder keeps the reply in its place
    await ana.page.getByText('Withdrawn by its author.').waitFor()
    expect(await ana.page.getByText('Can we talk about the heating and the lift?').count()).toBe(0)
    await ana.page.getByText('Yes, first item.').waitFor()

    // search finds invitations by their comments
    await backToRoom(ana)
    await ana.page.getByRole('searchbox').fill('first item')
    await expect.poll(() => ana.page.getByRole('link', { name: /Building meeting/ }).count()).toBe(1)
    await ana.page.getByRole('searchbox').fill('nothing like this')
    await expect.poll(() => ana.page.getByRole('link', { name: /Building meeting/ }).count()).toBe(0)
    for (const p of [ana, ben]) await p.context.close()
  }, 120_000)

  it('comments reach someone who is never online with the writer, through the relay', async () => {
    await withServer({ SIGNAL: 'off' }, async (server) => {
      const ana = await person(env.browser, server.url, 'Ana', blockWebrtc)
      await createRoom(ana, 'Choir')
      const link = await roomLinkOf(ana)
      await makeEvent(ana, 'Rehearsal')
      await post(ana, 'Bring the blue folder.')
      await comment(ana, 'Ana').getByText('Bring the blue folder.').waitFor()
      await backToRoom(ana)
      await savedOnRelay(ana)
      await ana.context.close()
      const ben = await person(env.browser, server.url, 'Ben', blockWebrtc)
      await joinByLink(ben, link)
      await openInvitation(ben, 'Rehearsal')
      await comment(ben, 'Ana').getByText('Bring the blue folder.').waitFor({ timeout: 20_000 })
      await ben.context.close()
    })
  }, 120_000)
})

describe('the room itself', () => {
  it('any member renames and describes the room; it reaches open pages live; the history says who', async () => {
    const [ana, ben] = await gather(env, 'Garden', 'Ana', 'Ben')
    await ben.page.getByRole('button', { name: 'Rename or describe' }).click()
    await ben.page.getByLabel('Room name').fill('')
    await ben.page.getByRole('button', { name: 'Save' }).click()
    // the browser's own check, or ours: either way nothing changes
    expect(await ben.page.getByRole('heading', { name: 'Garden', level: 1 }).count()).toBe(1)
    await ben.page.getByLabel('Room name').fill('Garden & seed club')
    await ben.page.getByLabel('Description').fill('We grow vegetables and swap seeds.')
    await ben.page.getByRole('button', { name: 'Save' }).click()
    await ben.page.getByRole('heading', { name: 'Garden & seed club', level: 1 }).waitFor()
    // Ana has the room open all along: it changes in front of her
    await ana.page.getByRole('heading', { name: 'Garden & seed club', level: 1 }).waitFor()
    await ana.page.getByText('We grow vegetables and swap seeds.').waitFor()
    await ana.page.getByText('History').click()
    await ana.page.getByText(/Ben named it “Garden & seed club”/).waitFor()
    // the home screen's list follows too
    await ana.page.getByRole('link', { name: 'All rooms' }).click()
    await ana.page.getByRole('link', { name: /Garden & seed club/ }).waitFor()
    for (const p of [ana, ben]) await p.context.close()
  }, 90_000)
})
