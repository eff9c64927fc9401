/**
 * The first screen painted before any module loads. `paintShell` runs as a small classic script that index.html loads
 * right after `#root` (the build writes it from this function's source: see scripts/first-paint.ts), so it imports
 * nothing and closes over nothing. It paints the home screen as the app last showed it on this device (saved by
 * first-screen.ts), or, for a newcomer, the welcome screen, in the language the app will choose. The app replaces it
 * when it renders; until then it is inert, so nobody types into a field about to go away.
 */

/** Where the app keeps the home screen it last showed: `{ lang, html }`. */
export const FIRST_SCREEN_KEY = 'hearth-first-screen'

export type ShellWords = Record<string, { title: string; intro: string; name: string; continue: string }>

export function paintShell(words: ShellWords, key: string) {
  const root = document.getElementById('root')
  // only the home's address: a room's or a link's screen is another one
  if (!root || !/^#?\/?$/.test(location.hash)) return
  const read = (k: string) => {
    try {
      return localStorage.getItem(k)
    } catch {
      return null
    }
  }
  // as the app's wantedLocale: the device's own choice, else the browser's first language Hearth speaks, else English
  let lang = read('hearth-locale') ?? ''
  if (!words[lang]) {
    const tags = navigator.languages?.length ? navigator.languages : [navigator.language]
    lang = tags.map((t) => (t ?? '').toLowerCase().split('-')[0]).find((c) => words[c]) ?? 'en'
  }
  let saved: { lang?: string; html?: string } | null = null
  try {
    saved = JSON.parse(read(key) ?? 'null')
  } catch {
    saved = null
  }
  let named = false
  try {
    named = !!JSON.parse(read('hearth-name') ?? 'null')
  } catch {
    named = false
  }
  if (saved?.lang === lang && typeof saved.html === 'string') root.innerHTML = saved.html
  else if (!named) {
    const w = words[lang]
    const el = (tag: string, text?: string, attrs: Record<string, string> = {}) => {
      const e = document.createElement(tag)
      if (text) e.textContent = text
      for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v)
      return e
    }
    const form = el('form')
    // no id nor for: nothing looking for "Your name" finds this field, which is about to go
    form.append(el('label', w.name), el('input'),
      el('button', w.continue, { type: 'button', class: 'primary' }))
    const main = el('main', '', { class: 'page welcome' })
    main.append(el('h1', w.title), el('p', w.intro), form)
    root.append(main)
  } else return
  document.documentElement.lang = lang
  // a picture of the screen to come: not to be read out or used, so its headings are never heard twice
  root.setAttribute('inert', '')
  root.setAttribute('aria-hidden', 'true')
  root.setAttribute('aria-busy', 'true')
}

/**
 * Adds the app's modules (index.html keeps them in `<template id="app">`) once the shell has had its frame, so that
 * neither their download nor their parsing ever stands before the first paint. A page in the background gets no
 * frames: the timeout starts it there.
 */
export function loadApp() {
  const modules = document.getElementById('app') as HTMLTemplateElement | null
  let done = false
  const go = () => {
    if (done || !modules) return
    done = true
    document.head.append(modules.content.cloneNode(true))
  }
  requestAnimationFrame(() => setTimeout(go))
  setTimeout(go, 100)
}

/** Takes the shell away, just before the app renders into `root`. */
export const clearShell = (root: HTMLElement) => {
  for (const a of ['inert', 'aria-hidden', 'aria-busy']) root.removeAttribute(a)
  root.textContent = ''
}
