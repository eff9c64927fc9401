import { createHash } from 'node:crypto'
import type { ServerResponse } from 'node:http'

// ws: and wss: because a person may point Settings at another signaling server or relay;
// blob: for workers and the downloaded calendar file; data: for QR codes drawn as images
const csp = (scripts: string[]) => [
  "default-src 'self'",
  // the page's own inline script (the first paint's painter) by its hash, and no other
  ["script-src 'self'", ...scripts.map((h) => `'${h}'`)].join(' '),
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self' ws: wss:",
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ')

const headers = (scripts: string[]): Record<string, string> => ({
  'Content-Security-Policy': csp(scripts),
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  // the camera scans pairing QR codes; nothing else is asked for
  'Permissions-Policy': 'camera=(self), microphone=(), geolocation=(), payment=(), usb=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
})

export const SECURITY_HEADERS = headers([])
let current = SECURITY_HEADERS

/** The hashes of the inline scripts (those with no attributes) of the page the server hands out. */
export const inlineScripts = (html: string) =>
  [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => `sha256-${createHash('sha256').update(m[1]).digest('base64')}`)

/** Allows exactly the inline scripts of the built index.html; call once at start. */
export const allowScriptsOf = (html: string) => { current = headers(inlineScripts(html)) }

/** set before anything answers, so static files, the index fallback, 304s and 404s all carry them */
export const secure = (res: ServerResponse) => {
  for (const [name, value] of Object.entries(current)) res.setHeader(name, value)
}

/** the page itself (wherever the fallback serves it), the service worker and the manifest: always asked for again */
export const revalidate = (path: string) => !/\.\w+$/.test(path) || /(\.html|sw\.js|\.webmanifest)$/.test(path)
