import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'

const root = resolve(import.meta.dirname, '../..')

export const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium'

/** `npm start`'s server on a free port, serving the built app and signaling. */
export interface Server {
  url: string
  proc: ChildProcess
  /** the relay's data directory */
  data: string
  /** everything the server printed, stdout and stderr */
  output: () => string
  stop: () => Promise<void>
  /** SIGKILL: no chance to flush or say goodbye */
  kill: () => Promise<void>
}

/** `npm start`'s server on a free port, serving the built app, signaling and the relay (its data in a fresh temp dir unless HEARTH_DATA is given). */
export const startServer = async (port = 0, dist?: string, extraEnv: Record<string, string> = {}): Promise<Server> => {
  const data = extraEnv.HEARTH_DATA ?? mkdtempSync(join(tmpdir(), 'hearth-data-'))
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: root, env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', HEARTH_DATA: data, ...(dist ? { HEARTH_DIST: dist } : {}), ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  proc.stderr!.on('data', (d) => { out += d; process.stderr.write(d) })
  const url = await new Promise<string>((ok, fail) => {
    proc.stdout!.on('data', (d) => {
      out += d
      const m = /running at (\S+)/.exec(out)
      if (m) ok(m[1])
    })
    proc.on('exit', (code) => fail(new Error(`server exited with ${code}: ${out}`)))
  })
  const end = (signal: NodeJS.Signals) => new Promise<void>((ok) => { if (proc.exitCode !== null || proc.signalCode) return ok(); proc.once('exit', () => ok()); proc.kill(signal) })
  return { url, proc, data, output: () => out, stop: () => end('SIGTERM'), kill: () => end('SIGKILL') }
}

/** A server of the test's own (startServer's, with `env`), stopped however the test ends. */
export const withServer = async (env: Record<string, string>, run: (server: Server) => Promise<void>) => {
  const server = await startServer(0, undefined, env)
  try {
    await run(server)
  } finally {
    await server.stop()
  }
}

export const ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-features=WebRtcHideLocalIpsWithMdns',
]

export const launch = (): Promise<Browser> => chromium.launch({ executablePath: CHROME, args: ARGS })

export interface Person {
  context: BrowserContext
  page: Page
}

/** A separate browser context is a separate person: own storage, own keys, no BroadcastChannel shortcut. */
export const person = async (browser: Browser, url: string, name: string, init?: string, viewport = { width: 390, height: 844 }): Promise<Person> => {
  const context = await browser.newContext({ viewport })
  if (init) await context.addInitScript({ content: init })
  const page = await context.newPage()
  page.on('pageerror', (e) => console.error(`[${name}] page error:`, e.message))
  await page.goto(url)
  await page.getByLabel('Your name').fill(name)
  await page.getByRole('button', { name: 'Continue' }).click()
  await page.getByRole('heading', { name: 'Your rooms' }).waitFor()
  return { context, page }
}

/**
 * A person whose phone keeps its data when the app is closed: a persistent profile in `dir`.
 * Opening the same `dir` again is the same person coming back later.
 */
export const returningPerson = async (dir: string, url: string, name?: string, init?: string): Promise<Person> => {
  const context = await chromium.launchPersistentContext(dir, { executablePath: CHROME, args: ARGS, viewport: { width: 390, height: 844 } })
  if (init) await context.addInitScript({ content: init })
  const page = context.pages()[0] ?? (await context.newPage())
  page.on('pageerror', (e) => console.error(`[${name ?? dir}] page error:`, e.message))
  await page.goto(url)
  if (name) {
    await page.getByLabel('Your name').fill(name)
    await page.getByRole('button', { name: 'Continue' }).click()
  }
  await page.getByRole('heading', { name: 'Your rooms' }).waitFor()
  return { context, page }
}

/**
 * Makes WebRTC unusable in a context, as on a mobile network where it never connects. A string, not a function,
 * so that no bundler's helpers (tsx's __name) end up in the page.
 */
export const blockWebrtc = `(() => {
  const blocked = function () { throw new Error('WebRTC is blocked on this network') }
  for (const k of ['RTCPeerConnection', 'webkitRTCPeerConnection']) Object.defineProperty(window, k, { value: blocked, configurable: true })
})()`

export const savedOnRelay = (p: Person) => p.page.getByText(/^Saved on the relay/).waitFor({ timeout: 20_000 })

export const createRoom = async (p: Person, name: string) => {
  await p.page.getByLabel('Room name').fill(name)
  await p.page.getByRole('button', { name: 'Create room' }).click()
  await p.page.getByRole('heading', { name }).waitFor()
  await p.page.getByText('Nothing here yet').waitFor()
}

/** The room's link, as its Share panel shows it (the panel need not be open). */
export const roomLinkOf = async (p: Person) => {
  await p.page.waitForFunction(() => document.querySelector<HTMLInputElement>('#share-link')?.value.includes('#/r/'))
  return p.page.locator('#share-link').inputValue()
}

/** From the room screen: "Invite…", then the kind ("Host an event", "Invite people to a project", "Propose"). */
export const startInvitation = async (p: Person, choice: 'Host an event' | 'Invite people to a project' | 'Propose') => {
  await p.page.getByRole('link', { name: 'Invite…' }).click()
  await p.page.getByRole('link', { name: choice }).click()
  await p.page.getByRole('heading', { name: choice, level: 1 }).waitFor()
}

/** From the room screen: open Share, then "Pair in person". */
export const openPairing = async (p: Person) => {
  const share = p.page.getByRole('button', { name: 'Share', exact: true })
  if ((await share.getAttribute('aria-expanded')) !== 'true') await share.click()
  await p.page.getByRole('link', { name: /Pair in person/ }).click()
}

export const joinByLink = async (p: Person, link: string) => {
  await p.page.goto(link)
}

export const makeProject = async (p: Person, title: string) => {
  await startInvitation(p, 'Invite people to a project')
  await p.page.getByLabel('Title').fill(title)
  await p.page.getByLabel('What and why').fill(`${title}, together`)
  await p.page.getByRole('button', { name: 'Send the invitation' }).click()
  await p.page.getByRole('heading', { name: title }).waitFor()
  await p.page.getByRole('link', { name: 'Back to the room' }).click()
}

/**
 * Seeds the open room with `n` signed invitations in one go, as a large community's room would be:
 * the first 10,000 by this person, each further 10,000 by another member, as no one member's share could hold them all.
 */
export const seed = (p: Person, n: number, from = 0) =>
  p.page.evaluate(async ([n, from]) => {
    const h = (globalThis as any).__hearth
    const room = h.session().room
    const now = Date.now()
    const items = Array.from({ length: n }, (_, i) => ({
      kind: 'event',
      content: { title: `Gathering ${from + i}`, text: 'Bring a friend', start: now + i * 60_000, end: now + i * 60_000 + 3_600_000, tz: 'UTC', place: 'The hall', online: false, plusOnes: 0 },
    }))
    let as = room
    for (let i = 0; i < items.length; i += 5000) {
      if (i > 0 && i % 10_000 === 0) as = { ...room, me: await h.createIdentity() }
      const r = await h.commands.inviteMany(as, items.slice(i, i + 5000))
      if (!r.ok) throw new Error(JSON.stringify(r.error))
    }
  }, [n, from] as const)

export const invitationCount = (p: Person) =>
  p.page.evaluate(() => (globalThis as any).__hearth.session()?.room.invitations().length ?? 0)

export const openRoomFromHome = async (p: Person, name: string) => {
  await p.page.getByRole('link', { name: new RegExp(name) }).click()
  await p.page.getByRole('heading', { name }).waitFor()
}

export const feedCount = (p: Person, title: string | RegExp) => p.page.getByRole('link', { name: title }).count()

/** Rows in y-indexeddb's store for a room: what grows if every open appended the whole state. */
export const storedRows = (p: Person, roomId: string) =>
  p.page.evaluate((roomId) => new Promise<number>((ok, fail) => {
    const req = indexedDB.open(`hearth-room-${roomId}`)
    req.onsuccess = () => {
      const count = req.result.transaction('updates').objectStore('updates').count()
      count.onsuccess = () => { ok(count.result); req.result.close() }
      count.onerror = () => fail(count.error)
    }
    req.onerror = () => fail(req.error)
  }), roomId)

export const roomIdOf = (p: Person) => p.page.evaluate(() => location.hash.split('/')[2])

const axePath = resolve(root, 'node_modules/axe-core/axe.min.js')

/** axe-core's serious and critical findings on the page as it is now. */
export const a11yProblems = async (page: Page): Promise<string[]> => {
  // evaluated rather than added as a script tag: the app's Content-Security-Policy rightly refuses inline scripts
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(readFileSync(axePath, 'utf8'))
  return page.evaluate(async () => {
    const result = await (window as any).axe.run(document, { resultTypes: ['violations'] })
    return result.violations
      .filter((v: any) => v.impact === 'serious' || v.impact === 'critical')
      .map((v: any) => `${v.id}: ${v.help} (${v.nodes.map((n: any) => n.target.join(' ')).slice(0, 3).join(', ')})`)
  })
}

export interface EventOptions { capacity?: number; plusOnes?: number; start?: string; end?: string; place?: string; text?: string; repeat?: 'Every week' | 'Every month'; times?: number }

export const makeEvent = async (p: Person, title: string, opts: EventOptions = {}) => {
  await startInvitation(p, 'Host an event')
  await p.page.getByLabel('Title').fill(title)
  await p.page.getByLabel('Description').fill(opts.text ?? 'Come along')
  await p.page.getByLabel('Starts').fill(opts.start ?? '2030-06-01T18:00')
  await p.page.getByLabel('Ends').fill(opts.end ?? '2030-06-01T21:00')
  await p.page.getByLabel('Time zone').fill('Europe/Berlin')
  await p.page.getByLabel('Place', { exact: true }).fill(opts.place ?? 'The community hall')
  if (opts.capacity) await p.page.getByLabel('Places (optional)').fill(String(opts.capacity))
  if (opts.plusOnes) await p.page.getByLabel('Guests each person may bring').fill(String(opts.plusOnes))
  if (opts.repeat) {
    await p.page.getByLabel('Repeats').selectOption({ label: opts.repeat })
    await p.page.getByLabel('How many times').fill(String(opts.times ?? 4))
  }
  await p.page.getByRole('button', { name: 'Send the invitation' }).click()
  await p.page.getByRole('heading', { name: title }).waitFor()
}

/** A proposal closing at `closes` (local time, `2030-03-01T18:00`). */
export const makeProposal = async (p: Person, title: string, closes = '2030-03-01T18:00', text = `${title}: shall we?`) => {
  await startInvitation(p, 'Propose')
  await p.page.getByLabel('Title').fill(title)
  await p.page.getByLabel('The proposal').fill(text)
  await p.page.getByLabel('Consent closes').fill(closes)
  await p.page.getByRole('button', { name: 'Open the proposal' }).click()
  await p.page.getByRole('heading', { name: title, level: 1 }).waitFor()
}

export const openInvitation = async (p: Person, title: string) => {
  await p.page.getByRole('link', { name: new RegExp(title) }).click()
  await p.page.getByRole('heading', { name: title, level: 1 }).waitFor()
}

/** The names listed under a heading such as "Going (2)"; empty when there is no such list. */
export const listUnder = async (p: Person, heading: RegExp) => {
  const h = p.page.getByRole('heading', { name: heading })
  if (!(await h.count())) return ''
  return h.locator('xpath=following-sibling::ol[1]').innerText({ timeout: 1000 }).catch(() => '')
}
