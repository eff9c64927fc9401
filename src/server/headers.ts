import type { ServerResponse } from 'node:http'

// ws: and wss: because a person may point Settings at another signaling server or relay;
// blob: for workers and the downloaded calendar file; data: for QR codes drawn as images
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
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

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  // the camera scans pairing QR codes; nothing else is asked for
  'Permissions-Policy': 'camera=(self), microphone=(), geolocation=(), payment=(), usb=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
}

/** set before anything answers, so static files, the index fallback, 304s and 404s all carry them */
export const secure = (res: ServerResponse) => {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value)
}

/** the page itself (wherever the fallback serves it), the service worker and the manifest: always asked for again */
export const revalidate = (path: string) => !/\.\w+$/.test(path) || /(\.html|sw\.js|\.webmanifest)$/.test(path)
