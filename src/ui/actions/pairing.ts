import { createSignal } from 'solid-js'
import * as sync from '../../sync/index.ts'
import { enterRoom, session } from '../bridge/index.ts'
import type { Problem } from '../i18n/index.ts'
import { watchHello } from './hello.ts'

/** Where a face-to-face pairing stands; it lives here so that it survives moving between screens. */
export interface PairState {
  /** checking: the channel is open, the other phone has not proved who it is yet (nothing syncs until then) */
  stage: 'making' | 'offer' | 'answer' | 'checking' | 'connected' | 'failed'
  code?: string
  bytes?: number
  roomId?: string
  /** the member the other phone proved it is */
  member?: string
  error?: Problem
}

const [pairing, setPairing] = createSignal<PairState | null>(null)
let accept: ((text: string) => Promise<Problem | null>) | null = null
let current: RTCPeerConnection | null = null
// each pairing's own: what an older pairing's channel does later must not change the screen of a newer one
let turn = 0
export { pairing }

const follow = (connected: Promise<RTCDataChannel>, roomId: string) => {
  const mine = turn
  const set = (p: PairState) => { if (mine === turn) setPairing(p) }
  return connected.then((channel) => {
    const s = session()
    if (!s || s.ref.id !== roomId) return channel.close()
    const link = s.attach(channel)
    current = null // connected: a new pairing must not close this one
    set({ ...pairing()!, stage: 'checking' })
    watchHello(link, {
      channel,
      subscribe: (l) => s.status.subscribe(l),
      proven: (member) => set({ ...pairing()!, stage: 'connected', member }),
      lost: (error) => set({ stage: 'failed', roomId, error }),
    })
  }).catch((err: Error) => set({
    stage: 'failed', roomId, error: err instanceof sync.SyncFailure ? err.error : { code: 'unexpected', detail: err.message },
  }))
}

/** A's side: show a code for the open room. */
export const startPairing = async (roomId: string) => {
  turn++
  current?.close()
  const s = session()
  if (!s || s.ref.id !== roomId) return setPairing({ stage: 'failed', roomId, error: { code: 'open-room-first' } })
  const known = sync.knownRooms().find((r) => r.id === roomId)!
  setPairing({ stage: 'making', roomId })
  const offer = await sync.makeOffer({ id: known.id, secret: known.secret, name: known.name })
  current = offer.pc
  accept = offer.accept
  setPairing({ stage: 'offer', roomId, code: sync.pairingLink(offer.bytes, location.href), bytes: offer.bytes.length })
  void follow(offer.connected, roomId)
}

/** A's side: their answer, scanned or pasted. Returns what is wrong, or null. */
export const takeAnswer = async (text: string): Promise<Problem | null> => {
  if (!accept) return { code: 'start-pairing-first' }
  return accept(text)
}

/** B's side: their offer, scanned or pasted; joins the room and shows an answer. Returns what is wrong, or null. */
export const takeOffer = async (text: string): Promise<Problem | null> => {
  const d = await sync.decodePayload(text)
  if (!d.ok) return d.error
  turn++
  current?.close()
  setPairing({ stage: 'making' })
  const r = await sync.answerOffer(text)
  if (!r.ok) {
    setPairing(null)
    return r.error
  }
  current = r.pc
  sync.rememberRoom(r.room)
  await enterRoom(r.room.id)
  setPairing({ stage: 'answer', roomId: r.room.id, code: sync.pairingLink(r.bytes, location.href), bytes: r.bytes.length })
  void follow(r.connected, r.room.id)
  return null
}

export const resetPairing = () => {
  accept = null
  turn++
  setPairing(null)
}
