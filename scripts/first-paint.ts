/**
 * The build's part in the first paint: the stylesheet inlined into index.html (no render-blocking request), the
 * shell painter (src/ui/shell.ts) written as a small classic script right after `#root`, and every text file also
 * written gzipped and brotli-compressed beside itself, which the server sends to a browser that accepts them.
 */
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import type { Plugin } from 'vite'
import { en } from '../src/ui/i18n/en.ts'
import { es } from '../src/ui/i18n/es.ts'
import { FIRST_SCREEN_KEY, paintShell } from '../src/ui/shell.ts'

const words = Object.fromEntries(Object.entries({ en, es }).map(([code, c]) => [code, c.welcome]))
const source = `(${paintShell.toString()})(${JSON.stringify(words)},${JSON.stringify(FIRST_SCREEN_KEY)})\n`
const file = `assets/paint-${createHash('sha256').update(source).digest('base64url').slice(0, 8)}.js`

export const firstPaint = (): Plugin => {
  let outDir = 'dist'
  return {
    name: 'hearth-first-paint',
    apply: 'build',
    configResolved: (c) => { outDir = c.build.outDir },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: file, source })
    },
    transformIndexHtml: {
      order: 'post',
      handler: (html, ctx) => html
        .replace(/<link rel="stylesheet"[^>]*href="\.\/([^"]+\.css)"[^>]*>/g, (tag, name: string) => {
          const css = ctx.bundle?.[name]
          return css?.type === 'asset' ? `<style>${String(css.source)}</style>` : tag
        })
        .replace('<div id="root"></div>', `<div id="root"></div>\n    <script src="./${file}"></script>`)
        // the painter first; the app's modules after it, so they never hold back the first paint
        .replace('<head>', `<head>\n    <link rel="preload" as="script" href="./${file}">`)
        .replace(/<(script type="module"|link rel="modulepreload") /g, '<$1 fetchpriority="low" '),
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
