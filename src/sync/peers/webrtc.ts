import { WebrtcProvider } from 'y-webrtc'
import type * as Y from 'yjs'
import type { Room } from '../../model/index.ts'
import { chunkingWrtc } from './chunked.ts'
import { forwardLater } from './forward.ts'
import { markPeer } from './timeline.ts'
import { askWhenTakenIn } from './ask.ts'
import { mark } from '../guard/index.ts'
import type { RoomRef } from '../link.ts'
import type { RoomStatus } from '../status.ts'

/**
 * y-webrtc passes every update on to every peer, the one it came from too, inside the update's handlers. A peer's
 * update goes on in the next task, after this page's model has checked it; a newcomer's catch-up (the room, in
 * slices) doesn't go on at all: see forward.ts.
 */
export const passOnLive = (provider: WebrtcProvider, doc: Y.Doc) =>
  // the room exists once the password's key is derived, and is connected in the same turn
  void provider.key.then(() => { mark('webrtc-key'); if (provider.room) forwardLater(doc, provider.room) })

export interface Webrtc {
  peers: () => RoomStatus['peers']
  signaling: () => RoomStatus['signaling']
  isFromPeers: (origin: unknown) => boolean
  announce: () => void
  destroy: () => void
}

/** y-webrtc for one room, with our signaling servers, the room key as its password, and chunked data channels. */
export const connectWebrtc = (doc: Y.Doc, ref: RoomRef, topic: string, room: Room, opts: { signaling: string[]; iceServers?: RTCIceServer[]; name?: string }, onChange: () => void): Webrtc => {
  // signaling knows the room by its derived topic, never by its id
  const provider = new WebrtcProvider(`hearth-${topic}`, doc, {
    signaling: opts.signaling,
    password: ref.secret,
    peerOpts: { config: { iceServers: opts.iceServers ?? [] }, wrtc: chunkingWrtc() },
  })
  mark('webrtc-start')
  passOnLive(provider, doc)
  provider.on('peers', (e: { added: string[] }) => {
    if (e.added.length) mark('webrtc-peer')
    for (const id of e.added) { const conn = provider.room?.webrtcConns.get(id); if (conn) { markPeer(conn.peer as never); askWhenTakenIn(doc, conn.peer) } }
  })
  const awareness = provider.awareness
  const announce = () => awareness.setLocalStateField('user', { member: room.me.id, name: opts.name || room.nameOf(room.me.id) })
  announce()
  for (const conn of provider.signalingConns) {
    conn.on('connect', () => mark('webrtc-signaling'))
    conn.on('connect', onChange)
    conn.on('disconnect', onChange)
  }
  provider.on('peers', onChange)
  provider.on('synced', onChange)
  awareness.on('change', onChange)
  return {
    announce,
    peers() {
      if (!provider.room?.webrtcConns.size) return []
      const out: RoomStatus['peers'] = []
      awareness.getStates().forEach((state, client) => {
        if (client === doc.clientID) return
        const user = (state as { user?: { member?: unknown } }).user
        const member = typeof user?.member === 'string' ? user.member : undefined
        out.push({ id: String(client), member, name: member ? room.nameOf(member) : undefined })
      })
      return out
    },
    signaling: () => (provider.signalingConns.some((c) => c.connected) ? 'connected' : opts.signaling.length ? 'connecting' : 'none'),
    isFromPeers: (origin) => origin === provider.room,
    destroy() {
      // y-webrtc shares signaling connections page-wide; disconnect() lets go of ours, destroy() alone would not
      provider.disconnect()
      provider.destroy()
    },
  }
}
