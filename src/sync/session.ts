import { WebrtcProvider } from 'y-webrtc'
import * as Y from 'yjs'
import type { Identity } from '../identity/index.ts'
import { commands, openRoom, verifiedIds, type Room } from '../model/index.ts'
import { chunkingWrtc } from './chunked.ts'
import { linkDoc, type DirectLink } from './direct.ts'
import type { RoomRef } from './link.ts'
import { persistRoom } from './persist.ts'
import { createStatus, type RoomStatus } from './status.ts'

export interface SessionOptions {
  signaling: string[]
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
  /** syncs this room over a data channel from a pairing made face to face */
  attach: (channel: RTCDataChannel) => void
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
  const doc = new Y.Doc()
  const store = await persistRoom(ref.id, doc)
  const cached = await store.get('verified').catch(() => undefined)
  const room = openRoom(doc, me, { verified: verifiedIds(cached instanceof Uint8Array ? cached : undefined) })
  const status = createStatus()

  let saveTimer: ReturnType<typeof setTimeout> | undefined
  const saveVerified = () => store.set('verified', room.ledger.verified.encode()).catch(() => {})
  room.onChange(() => {
    clearTimeout(saveTimer)
    saveTimer = setTimeout(saveVerified, 1000)
  })

  const provider = new WebrtcProvider(`hearth-${ref.id}`, doc, {
    signaling: opts.signaling,
    password: ref.secret,
    peerOpts: { config: { iceServers: opts.iceServers ?? [] }, wrtc: chunkingWrtc() },
  })
  const awareness = provider.awareness
  const announce = (name = opts.name) => awareness.setLocalStateField('user', { member: me.id, name: name || room.nameOf(me.id) })
  announce()

  const links = new Set<DirectLink>()
  const connCount = () => provider.room?.webrtcConns.size ?? 0
  const peers = (): RoomStatus['peers'] => {
    const out: RoomStatus['peers'] = []
    let n = 0
    for (const link of links) {
      const member = link.member() ?? undefined
      out.push({ id: `direct-${n++}`, member, name: member ? room.nameOf(member) : undefined })
    }
    if (!connCount()) return out
    awareness.getStates().forEach((state, client) => {
      if (client === doc.clientID) return
      const user = (state as { user?: { member?: unknown; name?: unknown } }).user
      const member = typeof user?.member === 'string' ? user.member : undefined
      if (member && out.some((p) => p.member === member)) return
      out.push({ id: String(client), member, name: member ? room.nameOf(member) : undefined })
    })
    return out
  }
  const signalingState = (): RoomStatus['signaling'] =>
    provider.signalingConns.some((c) => c.connected) ? 'connected' : opts.signaling.length ? 'connecting' : 'none'
  const refresh = () => status.set({ signaling: signalingState(), peers: peers() })
  for (const conn of provider.signalingConns) {
    conn.on('connect', refresh)
    conn.on('disconnect', refresh)
  }
  provider.on('peers', refresh)
  awareness.on('change', refresh)
  room.onChange((c) => { if (c.members) { announce(); refresh() } })
  doc.on('update', (_u: Uint8Array, origin: unknown) => {
    if (origin === provider.room || (origin as { direct?: boolean } | null)?.direct) status.set({ lastSynced: Date.now() })
  })
  provider.on('synced', () => status.set({ lastSynced: Date.now() }))
  refresh()

  void room.ledger.ready.then(() => { if (opts.name && room.nameOf(me.id) !== opts.name) void commands.setName(room, opts.name) })

  return {
    ref, room, status,
    encode: () => Y.encodeStateAsUpdate(doc),
    attach(channel) {
      const link: DirectLink = linkDoc(doc, channel, me.id, () => {
        if (channel.readyState === 'closed' || channel.readyState === 'closing') links.delete(link)
        refresh()
      })
      links.add(link)
      refresh()
    },
    async close() {
      clearTimeout(saveTimer)
      await saveVerified()
      // y-webrtc shares signaling connections page-wide; disconnect() lets go of ours, destroy() alone would not
      links.forEach((l) => l.close())
      provider.disconnect()
      provider.destroy()
      room.destroy()
      await store.close()
      doc.destroy()
    },
  }
}

// y-webrtc decrypts every signaling message in a room; one sealed with another key fails to
// decrypt and y-webrtc leaves that promise unhandled. Such a message is simply not for us.
if (typeof window !== 'undefined') {
  window.addEventListener('unhandledrejection', (e) => {
    if ((e.reason as Error | undefined)?.name === 'OperationError') e.preventDefault()
  })
}
