/**
 * The build's part in the first paint: the stylesheet inlined into index.html (no render-blocking request), the
 * shell painter (src/ui/shell.ts) written inline right after `#root` (the server allows it by its hash, and no other
 * inline script), the app's modules asked for only once that is on screen (see loadApp), and every text
 * file also written gzipped and brotli-compressed beside itself, which the server sends to a browser that accepts them.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import type { Plugin } from 'vite'
import { en } from '../src/ui/i18n/en.ts'
import { es } from '../src/ui/i18n/es.ts'
import { FIRST_SCREEN_KEY, loadApp, paintShell } from '../src/ui/shell.ts'

const words = Object.fromEntries(Object.entries({ en, es }).map(([code, c]) => [code, c.welcome]))
// `<` written as \u003c, so no word can close the script element
const source = `(${paintShell.toString()})(${JSON.stringify(words).replace(/</g, '\\u003c')},${JSON.stringify(FIRST_SCREEN_KEY)});(${loadApp.toString()})()`

// the entry module and its modulepreloads, which the painter adds once the shell is on screen
const MODULES = /\s*<(?:script type="module"[^>]*><\/script|link rel="modulepreload"[^>]*)>/g
const modules = (html: string) => [...html.matchAll(MODULES)].map((m) => m[0].trim()).join('')

export const firstPaint = (): Plugin => {
  let outDir = 'dist'
  return {
    name: 'hearth-first-paint',
    apply: 'build',
    configResolved: (c) => { outDir = c.build.outDir },
    transformIndexHtml: {
      order: 'post',
      handler: (html, ctx) => html
        .replace(/<link rel="stylesheet"[^>]*href="\.\/([^"]+\.css)"[^>]*>/g, (tag, name: string) => {
          const css = ctx.bundle?.[name]
          return css?.type === 'asset' ? `<style>${String(css.source)}</style>` : tag
        })
        .replace(MODULES, '')
        .replace('<div id="root"></div>', () => `<div id="root"></div>\n    <template id="app">${modules(html)}</template>\n    <script>${source}</script>`),
    },
    writeBundle(_, bundle) {
      for (const name of Object.keys(bundle)) {
        if (!/\.(js|css|html|svg|webmanifest|json)$/.test(name)) continue
        const path = join(outDir, name)
        const raw = readFileSync(path)
        if (raw.length < 1024) continue
        writeFileSync(path + '.gz', gzipSync(raw, { level: 9 }))
        writeFileSync(path + '.br', brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }))
      }
    },
  }
}
