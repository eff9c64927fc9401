import { createEffect, createRoot } from 'solid-js'
import { me, name, rooms, startError } from './bridge/index.ts'
import { locale } from './i18n/index.ts'
import { route } from './route.ts'
import { FIRST_SCREEN_KEY } from './shell.ts'

// a home with hundreds of rooms is not worth a slower start: above this the shell shows the newcomer's screen or nothing
const MAX_CHARS = 64_000

/** Saves the home screen as shown, so the next start paints it before any module has loaded (shell.ts). */
const save = () => {
  const main = document.querySelector('#root > main')
  if (route().page !== 'home' || startError() || !main || main.hasAttribute('aria-busy')) return
  const copy = main.cloneNode(true) as Element
  // a passing alert belongs to this visit, not the next one
  for (const e of copy.querySelectorAll('[role="alert"], .banner')) e.remove()
  // a field in the picture is named by nothing, so nothing finds it instead of the real one that replaces it
  for (const e of copy.querySelectorAll('[id], [for]')) { e.removeAttribute('id'); e.removeAttribute('for') }
  const html = copy.outerHTML
  try {
    if (html.length > MAX_CHARS) localStorage.removeItem(FIRST_SCREEN_KEY)
    else localStorage.setItem(FIRST_SCREEN_KEY, JSON.stringify({ lang: locale(), html }))
  } catch {
    // private mode or a full store: the next start paints from the modules, as before
  }
}

/** Away from the home, a room left or forgotten must not show in the next start's shell. */
const forget = (ids: Set<string>) => {
  try {
    const html = (JSON.parse(localStorage.getItem(FIRST_SCREEN_KEY) ?? 'null') as { html?: string } | null)?.html ?? ''
    const shown = [...html.matchAll(/href="#\/room\/([^"/]+)"/g)].map((m) => decodeURIComponent(m[1]))
    if (shown.some((id) => !ids.has(id))) localStorage.removeItem(FIRST_SCREEN_KEY)
  } catch {
    // unreadable: the shell will not use it either
  }
}

let queued = false
const later = () => {
  if (queued) return
  queued = true
  const ric = (globalThis as { requestIdleCallback?: (f: () => void, o?: { timeout: number }) => void }).requestIdleCallback
  const run = () => { queued = false; save() }
  if (ric) ric(run, { timeout: 2000 })
  else setTimeout(run, 300)
}

export const keepHome = () => {
  // a room's counts change the rooms on every update: only a change in which rooms there are is worth a look
  let ids = ''
  createRoot(() => createEffect(() => {
    route(); name(); locale(); me()
    const known = rooms().map((r) => r.id)
    if (route().page === 'home') later()
    else if (known.join() !== ids) forget(new Set(known))
    ids = known.join()
  }))
  addEventListener('pagehide', save)
}
