/**
 * The bench's own page code, loaded into the same Chromium pages as the app: the raw floor
 * (plain Yjs, plain y-webrtc and plain y-websocket) and Hearth's model measured directly.
 */
import { WebrtcProvider } from 'y-webrtc'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { createIdentity } from '../../src/identity/index.ts'
import { commands, openRoom, prewarmSift, verifiedIds } from '../../src/model/index.ts'

const providers: WebrtcProvider[] = []
const sockets: WebsocketProvider[] = []
/** one y-websocket provider, with no BroadcastChannel shortcut and no reconnect storm if the server goes */
const wsProvider = (url: string, name: string, doc: Y.Doc) => new WebsocketProvider(url, name, doc, { disableBc: true, maxBackoffTime: 1000 })

const waitFor = (check: () => boolean, timeout: number) =>
  new Promise<boolean>((resolve) => {
    const until = performance.now() + timeout
    const tick = () => (check() ? resolve(true) : performance.now() > until ? resolve(false) : setTimeout(tick, 5))
    tick()
  })

/**
 * A state of `n` signed invitations from `authors` members (the room has about 50), made by Hearth's model,
 * as one Yjs update: each author signs in a document of their own, and the updates are merged.
 */
const signedState = async (n: number, authors = 50) => {
  const now = Date.now()
  const updates: Uint8Array[] = []
  for (let a = 0, made = 0; made < n || (n === 0 && a === 0); a++) {
    const count = Math.min(Math.ceil(n / authors), n - made)
    const doc = new Y.Doc()
    const room = openRoom(doc, await createIdentity())
    for (let i = 0; i < count; i += 5000) {
      await commands.inviteMany(room, Array.from({ length: Math.min(5000, count - i) }, (_, k) => ({
        kind: 'event' as const,
        content: { title: `Gathering ${made + i + k}`, text: 'Bring a friend', start: now, end: now + 3_600_000, tz: 'UTC', place: 'The hall', online: false, plusOnes: 0 },
      })))
    }
    made += count
    updates.push(Y.encodeStateAsUpdate(doc))
    room.destroy()
  }
  return Y.mergeUpdates(updates)
}

let state: Uint8Array | null = null

const bench = {
  async makeState(n: number, authors?: number) {
    state = await signedState(n, authors)
    return state.length
  },
  /** Plain y-webrtc holding the state, for a raw peer to join. */
  rawHost(signaling: string[], name: string, password: string) {
    const doc = new Y.Doc()
    if (state) Y.applyUpdate(doc, state)
    providers.push(new WebrtcProvider(name, doc, { signaling, password, peerOpts: { config: { iceServers: [] } } }))
    return doc.getMap('records').size
  },
  /** Plain y-webrtc joining: ms until it has `expect` records, or null if they never arrive. */
  async rawJoin(signaling: string[], name: string, password: string, expect: number, timeout: number) {
    const doc = new Y.Doc()
    const started = performance.now()
    const provider = new WebrtcProvider(name, doc, { signaling, password, peerOpts: { config: { iceServers: [] } } })
    const ok = await waitFor(() => doc.getMap('records').size >= expect, timeout)
    const ms = performance.now() - started
    provider.destroy()
    return ok ? ms : null
  },
  /** Raw propagation: a plain Y.Map entry set here until the other page's map sees it. */
  rawPeer(signaling: string[], name: string, password: string) {
    const doc = new Y.Doc()
    const map = doc.getMap<number>('m')
    const seen = new Map<string, number>()
    map.observe((e) => e.keysChanged.forEach((k) => seen.set(k, performance.timeOrigin + performance.now())))
    providers.push(new WebrtcProvider(name, doc, { signaling, password, peerOpts: { config: { iceServers: [] } } }))
    ;(window as any).rawProp = {
      send: (key: string) => { const t = performance.timeOrigin + performance.now(); map.set(key, t); return t },
      seenAt: (key: string) => seen.get(key) ?? null,
      peers: () => providers.at(-1)!.room?.webrtcConns.size ?? 0,
    }
  },
  /** Plain y-websocket holding the state: resolves once the server has said it is in step. */
  async rawWsHost(url: string, name: string) {
    const doc = new Y.Doc()
    if (state) Y.applyUpdate(doc, state)
    const provider = wsProvider(url, name, doc)
    sockets.push(provider)
    return waitFor(() => provider.synced, 30_000)
  },
  /** Plain y-websocket joining: ms until it has `expect` records, or null if they never arrive. */
  async rawWsJoin(url: string, name: string, expect: number, timeout: number) {
    const doc = new Y.Doc()
    const started = performance.now()
    const provider = wsProvider(url, name, doc)
    const ok = await waitFor(() => doc.getMap('records').size >= expect, timeout)
    const ms = performance.now() - started
    provider.destroy()
    return ok ? ms : null
  },
  /** Raw propagation through y-websocket: as rawPeer, with the server in the middle instead of WebRTC. */
  rawWsPeer(url: string, name: string) {
    const doc = new Y.Doc()
    const map = doc.getMap<number>('m')
    const seen = new Map<string, number>()
    map.observe((e) => e.keysChanged.forEach((k) => seen.set(k, performance.timeOrigin + performance.now())))
    const provider = wsProvider(url, name, doc)
    sockets.push(provider)
    ;(window as any).rawProp = {
      send: (key: string) => { const t = performance.timeOrigin + performance.now(); map.set(key, t); return t },
      seenAt: (key: string) => seen.get(key) ?? null,
      peers: () => (provider.synced ? 1 : 0),
    }
  },
  /** The floor for a cold load: decode the state and turn it into plain values. */
  rawDecodeOf(update: Uint8Array) {
    const started = performance.now()
    const doc = new Y.Doc()
    Y.applyUpdate(doc, update)
    const json = doc.getMap('records').toJSON()
    const ms = performance.now() - started
    return Object.keys(json).length ? ms : null
  },
  /** Starts the shape-check workers, as the app does once it is idle after its first paint. */
  prewarm() {
    prewarmSift()
  },
  /** Opening the signed records with Hearth's model, with an empty and a warm verification cache. */
  async verify() {
    const me = await createIdentity()
    const open = async (cache?: Uint8Array) => {
      const doc = new Y.Doc()
      Y.applyUpdate(doc, state!)
      const started = performance.now()
      const room = openRoom(doc, me, { verified: verifiedIds(cache) })
      await room.ledger.ready
      const ms = performance.now() - started
      const saved = room.ledger.verified.encode()
      room.destroy()
      return { ms, saved }
    }
    const cold = await open()
    const warm = await open(cold.saved)
    return { coldMs: cold.ms, cachedMs: warm.ms }
  },
  /** verify's cold open in two steps, so a profile can cover the open alone: the decode first, then the open */
  async coldDoc() {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, state!)
    ;(window as any).coldArgs = { doc, me: await createIdentity() }
  },
  async coldOpen() {
    const { doc, me } = (window as any).coldArgs
    const started = performance.now()
    const room = openRoom(doc, me)
    await room.ledger.ready
    const ms = performance.now() - started
    room.destroy()
    return ms
  },
}

;(window as any).bench = bench
