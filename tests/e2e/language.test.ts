import { describe, expect, it } from 'vitest'
import { a11yProblems, joinByLink, makeEvent, openInvitation, person, roomLinkOf, type Person } from './harness.ts'
import { gather, setup, withRoom } from './setup.ts'

const env = setup()

const lang = (p: Person) => p.page.evaluate(() => document.documentElement.lang)
const text = (p: Person) => p.page.locator('body').innerText()

/** Words of the English interface that must not show once Spanish is chosen. */
const ENGLISH = [
  'Invite…', 'Share', 'People', 'Leave room', 'Coming up', 'Search invitations', 'invitations', 'Saved on the relay',
  'Looking for others', 'Connected with', 'Signaling', 'places taken', 'going', 'Needs your answer', 'You host this',
  'Add to calendar', 'Will you come?', 'Maybe', 'Not answered yet', 'Settings', 'Your rooms', 'Make a room', 'Join a room',
  'Pair in person', 'Your name', 'Relay', 'Storage on this device', 'Cancel invitation', 'Make yourself at home', 'Step down',
  'Hand over', 'Invite a co-host', 'Back to the room', 'Hosts', 'host',
]
const leaks = async (p: Person) => {
  const body = await text(p)
  const labels = await p.page.evaluate(() =>
    [...document.querySelectorAll('[aria-label], [placeholder], [title]')].map((e) =>
      `${e.getAttribute('aria-label') ?? ''} ${e.getAttribute('placeholder') ?? ''} ${e.getAttribute('title') ?? ''}`).join('\n'))
  return ENGLISH.filter((w) => new RegExp(`(^|[^\\p{L}])${w.replace(/[.?]/g, '\\$&')}($|[^\\p{L}])`, 'u').test(`${body}\n${labels}`))
}

const chooseLanguage = async (p: Person, code: 'en' | 'es') => {
  await p.page.locator('#settings-language').selectOption(code)
}

describe('languages', () => {
  it('Settings switches everything to Spanish at once (room, invitation, form errors, dates), remembers it, and back', async () => {
    const [ana, ben] = await gather(env, 'Huerto', 'Ana', 'Ben')
    await makeEvent(ana, 'Cena de otoño', { start: '2030-06-01T18:00', end: '2030-06-01T21:00', capacity: 12, place: 'El patio' })
    expect(await lang(ana)).toBe('en')

    // Settings: a labelled picker, and the page turns Spanish without a reload
    await ana.page.goto(`${env.server.url}#/settings`)
    await ana.page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor()
    expect(await ana.page.getByRole('combobox', { name: 'Language' }).count()).toBe(1)
    await ana.page.evaluate(() => { (window as any).__sameDocument = true })
    await chooseLanguage(ana, 'es')
    await ana.page.getByRole('heading', { name: 'Ajustes', level: 1 }).waitFor()
    expect(await ana.page.evaluate(() => (window as any).__sameDocument)).toBe(true)
    expect(await lang(ana)).toBe('es')
    expect(await ana.page.getByRole('combobox', { name: 'Idioma' }).inputValue()).toBe('es')
    expect(await leaks(ana)).toEqual([])
    expect(await a11yProblems(ana.page)).toEqual([])

    // home and the room screen
    await ana.page.getByRole('link', { name: 'Todas las salas' }).click()
    await ana.page.getByRole('heading', { name: 'Tus salas' }).waitFor()
    expect(await leaks(ana)).toEqual([])
    await ana.page.getByRole('link', { name: /Huerto/ }).click()
    await ana.page.getByRole('link', { name: 'Invitar…' }).waitFor()
    await ana.page.getByText(/^Conectado con .*Ben/).waitFor({ timeout: 20_000 })
    const list = ana.page.getByRole('region', { name: 'Invitaciones' })
    expect(await list.getByRole('heading').allInnerTexts()).toEqual(['Próximamente (1)'])
    const card = await list.getByRole('link', { name: /Cena de otoño/ }).innerText()
    // a Spanish weekday and month from Intl: 1 June 2030 is a Saturday
    expect(card).toMatch(/sáb/)
    expect(card).toMatch(/jun/)
    expect(card).toMatch(/0 de 12 plazas ocupadas/)
    expect(card).toMatch(/Tú organizas esto/)
    expect(await ana.page.getByText('1 invitación', { exact: true }).count()).toBe(1)
    await ana.page.getByRole('button', { name: 'Compartir', exact: true }).click()
    await ana.page.getByRole('img', { name: 'Código QR para unirse a esta sala' }).locator('svg').waitFor()
    expect(await leaks(ana)).toEqual([])
    expect(await a11yProblems(ana.page)).toEqual([])

    // an invitation
    await openInvitation(ana, 'Cena de otoño')
    await ana.page.getByRole('heading', { name: '¿Vienes?' }).waitFor()
    await ana.page.getByRole('button', { name: 'Añadir al calendario' }).waitFor()
    await ana.page.getByRole('heading', { name: 'Tú organizas esto' }).waitFor()
    expect(await text(ana)).toMatch(/1 jun 2030, 18:00/)
    expect(await ana.page.getByRole('list', { name: 'Anfitriones' }).innerText()).toMatch(/Ana\s+anfitrión/)
    await ana.page.getByRole('button', { name: 'Quizás', exact: true }).click()
    await ana.page.getByText('Tu respuesta: Quizás. Puedes cambiarla cuando quieras.').waitFor()
    expect(await ana.page.getByRole('heading', { name: 'Quizás (1)' }).count()).toBe(1)
    expect(await leaks(ana)).toEqual([])
    expect(await a11yProblems(ana.page)).toEqual([])

    // a form: what the form finds and what the model finds, both in Spanish
    await ana.page.getByRole('link', { name: 'Volver a la sala' }).click()
    await ana.page.getByRole('link', { name: 'Invitar…' }).click()
    await ana.page.getByRole('link', { name: 'Organizar un evento' }).click()
    await ana.page.getByRole('heading', { name: 'Organizar un evento', level: 1 }).waitFor()
    await ana.page.getByLabel('Plazas (opcional)').fill('muchas')
    await ana.page.getByRole('button', { name: 'Enviar la invitación' }).click()
    await ana.page.getByText('Algunos campos necesitan otra mirada.').waitFor()
    await ana.page.getByText('Un número entero de plazas, como 2.').waitFor()
    await ana.page.getByText('Rellena esto.').first().waitFor()
    await ana.page.getByText('Indica una fecha y hora de inicio.').waitFor()
    expect(await leaks(ana)).toEqual([])
    // a model message read through the catalogue: a link that isn't one
    await ana.page.goto(`${env.server.url}#/`)
    await ana.page.getByLabel('Enlace de la sala').fill('no es un enlace')
    await ana.page.getByRole('button', { name: 'Unirse' }).click()
    await ana.page.getByText(/^Esto no es un enlace de sala de Hearth/).waitFor()

    // remembered on this device, and Ben's own language is his
    await ana.page.reload()
    await ana.page.getByRole('heading', { name: 'Tus salas' }).waitFor()
    expect(await lang(ana)).toBe('es')
    expect(await lang(ben)).toBe('en')
    await ben.page.getByRole('link', { name: 'Invite…' }).waitFor()

    // and back to English, word for word as before
    await ana.page.getByRole('link', { name: 'Ajustes' }).click()
    await chooseLanguage(ana, 'en')
    await ana.page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor()
    expect(await lang(ana)).toBe('en')
    await ana.page.getByRole('link', { name: 'All rooms' }).click()
    await ana.page.getByRole('link', { name: /Huerto/ }).click()
    await ana.page.getByRole('link', { name: 'Invite…' }).waitFor()
    expect(await ana.page.getByRole('region', { name: 'Invitations' }).getByRole('link', { name: /Cena de otoño/ }).innerText()).toMatch(/Sat, Jun 1/)
    for (const p of [ana, ben]) await p.context.close()
  }, 180_000)

  it('a browser set to Spanish starts in Spanish', async () => {
    const context = await env.browser.newContext({ locale: 'es-ES', viewport: { width: 390, height: 844 } })
    const page = await context.newPage()
    await page.goto(env.server.url)
    await page.getByRole('heading', { name: 'Te damos la bienvenida a Hearth' }).waitFor()
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es')
    await page.getByLabel('Tu nombre').fill('Lucía')
    await page.getByRole('button', { name: 'Continuar' }).click()
    await page.getByRole('heading', { name: 'Tus salas' }).waitFor()
    await page.getByText('Hola, Lucía').waitFor()
    await page.getByLabel('Nombre de la sala').fill('Barrio')
    await page.getByRole('button', { name: 'Crear sala' }).click()
    await page.getByRole('heading', { name: 'Barrio' }).waitFor()
    await page.getByText('Aquí no hay nada todavía. Sé la primera persona: invita a la gente a algo.').waitFor()
    const p = { context, page }
    expect(await leaks(p)).toEqual([])
    expect(await a11yProblems(page)).toEqual([])
    await context.close()
  }, 60_000)

  it('a name that looks like another member’s shows its key fingerprint beside it; a time that can’t be right says so', async () => {
    const ana = await withRoom(env, 'Twins')
    const link = await roomLinkOf(ana)
    // the other Ana's phone runs a day ahead: what she signs claims a time that hasn't come yet
    const ahead = `(() => { const real = Date.now.bind(Date); Date.now = () => real() + 86_400_000 })()`
    const other = await person(env.browser, env.server.url, 'Ana', ahead)
    await joinByLink(other, link)
    await other.page.getByRole('heading', { name: 'Twins' }).waitFor()
    await makeEvent(ana, 'Picnic')
    await expect.poll(() => other.page.getByRole('link', { name: /Picnic/ }).count(), { timeout: 20_000 }).toBe(1)
    await openInvitation(other, 'Picnic')
    await other.page.getByRole('button', { name: 'Yes', exact: true }).click()
    await other.page.getByText(/Your answer: Yes/).waitFor()

    const fp = /Ana\s*· [0-9a-z]{6}/
    await expect.poll(() => ana.page.getByRole('heading', { name: /^Going/ }).locator('xpath=following-sibling::ol[1]').innerText().catch(() => ''), { timeout: 20_000 }).toMatch(fp)
    expect(await ana.page.getByRole('list', { name: 'Hosts' }).innerText()).toMatch(fp)
    // the other Ana's answer is from tomorrow, by this phone's clock
    expect(await ana.page.getByRole('heading', { name: /^Going/ }).locator('xpath=following-sibling::ol[1]').innerText()).toMatch(/the time on this looks wrong/)
    // the co-host picker tells them apart too
    const options = await ana.page.locator('#cohost-member option').allInnerTexts()
    expect(options.filter((o) => fp.test(o))).toHaveLength(1)
    expect(await a11yProblems(ana.page)).toEqual([])

    await ana.page.getByRole('link', { name: 'Back to the room' }).click()
    await ana.page.getByRole('link', { name: 'People' }).click()
    await ana.page.getByRole('heading', { name: 'People', level: 1 }).waitFor()
    const people = await ana.page.locator('.person h2').allInnerTexts()
    expect(people).toHaveLength(2)
    for (const name of people) expect(name).toMatch(fp)
    const [a, b] = people.map((n) => /· ([0-9a-z]{6})/.exec(n)![1])
    expect(a).not.toBe(b)
    expect(await ana.page.getByText(/key fingerprint [0-9a-z]{6}/).count()).toBe(2)
    expect(await a11yProblems(ana.page)).toEqual([])

    // an invitation made by a phone whose clock runs ahead says its time looks wrong
    await ana.page.getByRole('link', { name: 'Back to the room' }).click()
    await other.page.getByRole('link', { name: 'Back to the room' }).click()
    await makeEvent(other, 'Tomorrow’s picnic')
    await expect.poll(() => ana.page.getByRole('link', { name: /Tomorrow’s picnic/ }).count(), { timeout: 20_000 }).toBe(1)
    await openInvitation(ana, 'Tomorrow’s picnic')
    await ana.page.getByText('(the time on this looks wrong)').waitFor()
    for (const p of [ana, other]) await p.context.close()
  }, 180_000)
})
