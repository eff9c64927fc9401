import * as Y from 'yjs'
import type { Identity } from '../identity/index.ts'
import { commands, openRoom, verifiedIds, type Room } from '../model/index.ts'
import { linkDoc, loadWebrtc, type DirectLink, type Webrtc } from './peers/index.ts'
import type { RoomRef } from './link.ts'
import { persistRoom } from './persist.ts'
import { personState } from './person.ts'
import { createStatus, type RoomStatus } from './status.ts'
import type { RelaySync } from './relay/index.ts'
import type { RoomPush } from './push/index.ts'

export interface SessionOptions {
  signaling: string[]
  /** the relay's websocket address, or null for none */
  relay?: string | null
  iceServers?: RTCIceServer[]
  name?: string
}

/** One open room on this device: its document, its model, its providers and its status. */
export interface Session {
  ref: RoomRef
  room: Room
  status: ReturnType<typeof createStatus>
  /** the whole document as one update: for export, and for the bench's raw floor */
  encode: () => Uint8Array
  /** syncs this room over a data channel from a pairing made face to face; the link says whom, once proven */
  attach: (channel: RTCDataChannel) => DirectLink
  /** this room's notifications on this device (push/), loaded apart like the relay */
  push: () => Promise<RoomPush>
  close: () => Promise<void>
}

const open = new Map<string, Promise<Session>>()

/** y-webrtc allows one provider per room name per page, so a room is opened once and shared. */
export const openSession = (ref: RoomRef, me: Identity, opts: SessionOptions): Promise<Session> => {
  let s = open.get(ref.id)
  if (!s) {
    s = start(ref, me, opts)
    open.set(ref.id, s)
    s.catch(() => open.delete(ref.id))
  }
  return s
}

export const closeSession = async (roomId: string) => {
  const s = open.get(roomId)
  open.delete(roomId)
  if (s) await (await s).close()
}

const start = async (ref: RoomRef, me: Identity, opts: SessionOptions): Promise<Session> => {
  // the relay's code, its socket and the room's keys come while the room's store opens (a newcomer waits on each)
  const keys = import('../crypto/index.ts').then((k) => k.roomKeys(ref.secret))
  const relayCode = opts.relay ? import('./relay/index.ts') : null
  void relayCode?.then((r) => r.warmRelay(opts.relay!)).catch(() => {})
  const doc = new Y.Doc()
  // set once the providers are known: updates from them are stored after the model has taken them in (persist.ts)
  let remote = (_origin: unknown) => false
  const store = await persistRoom(ref.id, doc, (origin) => remote(origin))
  const cached = await store.get('verified').catch(() => undefined)
  const room = openRoom(doc, me, { verified: verifiedIds(cached instanceof Uint8Array ? cached : undefined), roomId: ref.id })
  const status = createStatus()

  let saveTimer: ReturnType<typeof setTimeout> | undefined
  const saveVerified = () => store.set('verified', room.ledger.verified.encode()).catch(() => {})
  room.onChange(() => {
    clearTimeout(saveTimer)
    saveTimer = setTimeout(saveVerified, 1000)
  })

  const links = new Set<DirectLink>()
  let webrtc: Webrtc | null = null
  let relay: RelaySync | null = null
  let closed = false
  const peers = (): RoomStatus['peers'] => {
    const out: RoomStatus['peers'] = []
    let n = 0
    for (const link of links) {
      const member = link.member() ?? undefined
      out.push({ id: `direct-${n++}`, member, name: member ? room.nameOf(member) : undefined })
    }
    for (const p of webrtc?.peers() ?? []) if (!p.member || !out.some((o) => o.member === p.member)) out.push(p)
    for (const p of relay?.state().here ?? []) {
      if (!out.some((o) => o.member === p.member)) out.push({ id: `relay-${p.member}`, member: p.member, name: room.nameOf(p.member), via: 'relay' })
    }
    return out
  }
  const refresh = () => {
    const r = relay?.state()
    status.set({
      signaling: webrtc?.signaling() ?? (opts.signaling.length ? 'connecting' : 'none'),
      peers: peers(),
      relay: r?.state ?? (opts.relay ? 'connecting' : 'off'),
      relayError: r?.error,
      pending: r?.pending ?? 0,
    })
  }
  const fromPeers = (origin: unknown) => !!webrtc?.isFromPeers(origin) || !!(origin as { direct?: boolean } | null)?.direct
  room.onChange((c) => { if (c.members) { webrtc?.announce(); refresh() } })
  remote = (origin) => fromPeers(origin) || !!(origin as { relay?: string } | null)?.relay
  // said once per task, after the model's turn: the status's screen updates ran inside each peer's update. The
  // model's turn ends in a later task (WebCrypto answers its signature check): a timer set here ran before it, and its
  // repaint delayed every edit from a peer
  let syncedSoon: ReturnType<typeof setTimeout> | undefined
  let syncing = false
  doc.on('update', (_u: Uint8Array, origin: unknown) => {
    if (!remote(origin) || syncing) return
    syncing = true
    void room.ledger.settled().then(() => { syncedSoon = setTimeout(() => { syncing = false; if (!closed) status.set({ lastSynced: Date.now() }) }, 0) })
  })
  // the relay starts at once (it is how a newcomer sees a room whose other members are asleep), but its
  // crypto loads apart from the first screen
  if (opts.relay && relayCode) {
    const url = opts.relay
    void Promise.all([keys, relayCode]).then(([k, { syncRelay }]) => {
      if (closed) return
      relay = syncRelay(doc, k, url, store, () => ({ member: me.id, name: opts.name || room.nameOf(me.id) }), fromPeers, refresh, () => room.ledger.settled())
    }).catch((err) => console.warn('hearth: could not start the relay; this room syncs directly only', err))
  }
  refresh()
  // y-webrtc encodes and encrypts the whole document for its BroadcastChannel as it connects:
  // that waits until the room has shown what this device already holds
  // (and y-webrtc with simple-peer is a third of the app's JS, so it loads only now)
  void room.ledger.ready.then(() => setTimeout(async () => {
    try {
      // where WebRTC is missing or refuses to start, y-webrtc would retry each peer in a tight loop over signaling
      if (!webrtcUsable()) return
      performance.mark('hearth:webrtc-load')
      const { connectWebrtc } = await loadWebrtc()
      const { topic } = await keys
      if (!closed) webrtc = connectWebrtc(doc, ref, topic, room, opts, refresh)
    } catch (err) {
      console.warn('hearth: could not start WebRTC; this room stays local and paired-in-person only', err)
    }
  }, 50))

  void room.ledger.ready.then(() => {
    // this device's certificates go into every room it opens, so everyone there takes it for its person
    const certs = personState()?.certs
    if (certs?.length) commands.writeCertificates(room, certs)
    if (opts.name && room.nameOf(me.id) !== opts.name) void commands.setName(room, opts.name)
  })

  let push: Promise<RoomPush> | null = null
  return {
    ref, room, status,
    push: () => (push ??= import('./push/index.ts').then((p) => p.roomPush(ref, keys, opts.relay ?? null, () => (ref as { name?: string }).name ?? '', me, room))),
    encode: () => Y.encodeStateAsUpdate(doc),
    attach(channel) {
      const link: DirectLink = linkDoc(doc, channel, { me, roomId: ref.id, secret: ref.secret }, () => {
        if (channel.readyState === 'closed' || channel.readyState === 'closing') links.delete(link)
        refresh()
      })
      links.add(link)
      refresh()
      return link
    },
    async close() {
      clearTimeout(saveTimer)
      clearTimeout(syncedSoon)
      await saveVerified()
      closed = true
      links.forEach((l) => l.close())
      webrtc?.destroy()
      relay?.destroy()
      room.destroy()
      await store.close()
      doc.destroy()
    },
  }
}

const webrtcUsable = () => {
  try {
    new RTCPeerConnection({ iceServers: [] }).close()
    return true
  } catch {
    console.warn('hearth: WebRTC is not usable here; rooms sync through the relay and in-person pairing')
    return false
  }
}

// y-webrtc decrypts every signaling message in a room; one sealed with another key fails to
// decrypt and y-webrtc leaves that promise unhandled. Such a message is simply not for us.
if (typeof window !== 'undefined') {
  window.addEventListener('unhandledrejection', (e) => {
    if ((e.reason as Error | undefined)?.name === 'OperationError') e.preventDefault()
  })
}
