import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import https from 'node:https'
import { join, resolve } from 'node:path'
import { generate } from 'selfsigned'
import sirv from 'sirv'
import { createSignaling } from './signal.ts'

const root = resolve(import.meta.dirname, '../..')
const dist = process.env.HEARTH_DIST ?? join(root, 'dist')
const host = process.env.HOST ?? '127.0.0.1'
const port = Number(process.env.PORT ?? 8080)
const useTls = process.argv.includes('--https') || process.env.HTTPS === '1'
// SIGNAL=off serves only the app, as a static host would (gathering mode needs no signaling)
const withSignal = process.env.SIGNAL !== 'off'

/** A self-signed certificate, made once and kept, so phones on a LAN get a secure context. */
const certificate = async () => {
  const dir = join(root, '.certs')
  const keyFile = join(dir, 'key.pem')
  const certFile = join(dir, 'cert.pem')
  if (!existsSync(keyFile)) {
    const pems = await generate([{ name: 'commonName', value: 'hearth.local' }], { keySize: 2048, algorithm: 'sha256' })
    mkdirSync(dir, { recursive: true })
    writeFileSync(keyFile, pems.private)
    writeFileSync(certFile, pems.cert)
  }
  return { key: readFileSync(keyFile), cert: readFileSync(certFile) }
}

if (!existsSync(join(dist, 'index.html'))) {
  console.error(`No build in ${dist}. Run "npm run build" first (npm start does it for you).`)
  process.exit(1)
}

const files = sirv(dist, {
  single: true,
  etag: true,
  setHeaders: (res, path) => {
    if (path.endsWith('sw.js') || path.endsWith('.html') || path.endsWith('.webmanifest')) res.setHeader('Cache-Control', 'no-cache')
  },
})
const handler: http.RequestListener = (req, res) => files(req, res, () => { res.statusCode = 404; res.end('Not found') })
const server = useTls ? https.createServer(await certificate(), handler) : http.createServer(handler)
const signaling = createSignaling()

server.on('upgrade', (req, socket, head) => {
  if (withSignal && new URL(req.url ?? '/', 'http://x').pathname === '/signal') signaling.upgrade(req, socket, head)
  else socket.destroy()
})

server.listen(port, host, () => {
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host
  const actual = (server.address() as { port: number }).port
  console.log(`Hearth is running at ${useTls ? 'https' : 'http'}://${shown}:${actual}/`)
  if (withSignal) console.log(`Signaling on ${useTls ? 'wss' : 'ws'}://${shown}:${actual}/signal`)
  if (useTls) console.log('The certificate is self-signed: browsers will warn once; choose to continue to this address.')
})

const stop = () => { signaling.close(); server.close(); process.exit(0) }
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
