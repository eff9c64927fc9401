import { existsSync, readFileSync } from 'node:fs'
import http from 'node:http'
import https from 'node:https'
import { join, resolve } from 'node:path'
import sirv from 'sirv'
import { certificate } from './cert.ts'
import { allowScriptsOf, revalidate, secure } from './headers.ts'
import { originAllowed, originPolicy } from './origin.ts'
import { createRelay, openFeeds, openPush, openStore, publicOrigin, type Feeds, type OpenedStore, type Push } from './relay/index.ts'
import { createSignaling, signalLimitsFromEnv } from './signal.ts'

const root = resolve(import.meta.dirname, '../..')
const dist = process.env.HEARTH_DIST ?? join(root, 'dist')
const host = process.env.HOST ?? '127.0.0.1'
const port = Number(process.env.PORT ?? 8080)
const useTls = process.argv.includes('--https') || process.env.HTTPS === '1'
// SIGNAL=off serves only the app, as a static host would (gathering mode needs no signaling)
const withSignal = process.env.SIGNAL !== 'off'
// RELAY=off leaves out the blind relay (and its store), as before it existed
const withRelay = process.env.RELAY !== 'off'

const settings = () => {
  try {
    return {
      origins: originPolicy(process.env.HEARTH_ORIGINS),
      relayOrigin: publicOrigin(process.env.HEARTH_ORIGIN, useTls),
      signalLimits: signalLimitsFromEnv(process.env),
    }
  } catch (e) {
    console.error((e as Error).message)
    process.exit(1)
  }
}
const { origins, relayOrigin, signalLimits } = settings()

if (!existsSync(join(dist, 'index.html'))) {
  console.error(`No build in ${dist}. Run "npm run build" first (npm start does it for you).`)
  process.exit(1)
}

allowScriptsOf(readFileSync(join(dist, 'index.html'), 'utf8'))
const files = sirv(dist, {
  single: true,
  etag: true,
  // the build writes .br and .gz beside each text file (scripts/first-paint.ts): a slow phone downloads a third
  brotli: true,
  gzip: true,
  setHeaders: (res, path) => {
    if (revalidate(path)) res.setHeader('Cache-Control', 'no-cache')
  },
})
const handler: http.RequestListener = (req, res) => {
  secure(res)
  if (feeds?.handle(req, res)) return
  files(req, res, () => { res.statusCode = 404; res.end('Not found') })
}
// a self-signed certificate for phones on a LAN to get a secure context; kept, and renewed before it expires
const certs = process.env.HEARTH_CERTS ?? join(root, '.certs')
const tls = useTls ? await certificate(certs) : null
if (tls?.renewed) console.log(`Made a new certificate (${tls.why}).`)
const server = tls ? https.createServer({ key: tls.key, cert: tls.cert }, handler) : http.createServer(handler)
const renew = async () => {
  const next = await certificate(certs)
  if (!next.renewed) return
  ;(server as https.Server).setSecureContext({ key: next.key, cert: next.cert })
  console.log(`Made a new certificate (${next.why}).`)
}
// a server left running outlives its certificate, and a laptop carried to another network gets new addresses
if (tls) setInterval(() => renew().catch((e) => console.error(`The certificate could not be renewed: ${e.message}`)), 3_600_000).unref()

let opened: OpenedStore | null = null
if (withRelay || process.env.REDIS_URL) {
  try {
    opened = await openStore(process.env)
  } catch (e) {
    console.error(`The relay's store could not be opened: ${(e as Error).message}`)
    process.exit(1)
  }
}
let push: Push | null = null
if (withRelay) {
  try {
    push = await openPush(process.env)
  } catch (e) {
    console.error(`The relay's push could not be started: ${(e as Error).message}`)
    process.exit(1)
  }
}
// a person's calendar feed: the relay's one readable thing, there only because they published it
let feeds: Feeds | null = null
if (withRelay) {
  try {
    feeds = await openFeeds(process.env)
  } catch (e) {
    console.error(`The relay's calendar feeds could not be opened: ${(e as Error).message}`)
    process.exit(1)
  }
}
const relay = withRelay && opened ? createRelay(opened.store, opened.limits, relayOrigin, push) : null
// with Redis, a publish on one instance reaches the topic's subscribers on every instance
const signaling = createSignaling(signalLimits, opened?.shared ? opened.store : undefined)

server.on('upgrade', (req, socket, head) => {
  const path = new URL(req.url ?? '/', 'http://x').pathname
  if (!originAllowed(req, useTls, origins)) {
    socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
    return
  }
  if (withSignal && path === '/signal') signaling.upgrade(req, socket, head)
  else if (relay && path === '/relay') relay.upgrade(req, socket, head)
  else socket.destroy()
})

server.listen(port, host, () => {
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host
  const actual = (server.address() as { port: number }).port
  console.log(`Hearth is running at ${useTls ? 'https' : 'http'}://${shown}:${actual}/`)
  if (withSignal) console.log(`Signaling on ${useTls ? 'wss' : 'ws'}://${shown}:${actual}/signal`)
  if (relay) console.log(`Relay on ${useTls ? 'wss' : 'ws'}://${shown}:${actual}/relay (store: ${opened!.label})`)
  if (useTls) console.log('The certificate is self-signed: browsers will warn once; choose to continue to this address.')
})

// a failure in one request must not take every room down; the message only, never a payload
process.on('unhandledRejection', (e) => console.error('unhandled:', e instanceof Error ? e.message : e))

let stopping = false
const stop = async () => {
  if (stopping) return
  stopping = true
  setTimeout(() => process.exit(0), 5000).unref()
  signaling.close()
  relay?.close()
  server.close()
  server.closeAllConnections()
  try {
    await push?.close()
    await feeds?.close()
    await opened?.store.close()
  } catch (e) {
    console.error(`The relay's store did not close cleanly: ${(e as Error).message}`)
  }
  process.exit(0)
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
