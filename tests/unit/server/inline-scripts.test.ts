import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { inlineScripts } from '../../../src/server/headers.ts'

const hash = (code: string) => `sha256-${createHash('sha256').update(code).digest('base64')}`

describe("the page's inline scripts, allowed by hash", () => {
  it('names the first paint painter exactly, and no script with a source or attributes', () => {
    const html = `<head><script type="module" src="./assets/index.js"></script></head>
      <body><div id="root"></div>\n    <script>(function paintShell(w){})({})</script><script src="x.js"></script></body>`
    expect(inlineScripts(html)).toEqual([hash('(function paintShell(w){})({})')])
    expect(inlineScripts('<div id="root"></div>')).toEqual([])
  })
})
