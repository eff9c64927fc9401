import type { SyncError } from './errors.ts'

/** A tiny observable value: what the UI shows about a room's connection. */
export interface RoomStatus {
  signaling: 'connected' | 'connecting' | 'none'
  /** who is here live, and how: directly (WebRTC, paired in person) or through the relay */
  peers: { id: string; member?: string; name?: string; via?: 'relay' }[]
  /** off: no relay set · saved: this phone's changes are on the relay · saving: some wait for its ack */
  relay: 'off' | 'connecting' | 'saved' | 'saving' | 'unreachable' | 'refused'
  relayError?: SyncError
  /** changes made here that the relay has not acknowledged yet */
  pending: number
  lastSynced: number | null
  offline: boolean
}

export const createStatus = () => {
  let value: RoomStatus = { signaling: 'none', peers: [], relay: 'off', pending: 0, lastSynced: null, offline: true }
  const listeners = new Set<(s: RoomStatus) => void>()
  return {
    get: () => value,
    set(patch: Partial<RoomStatus>) {
      value = { ...value, ...patch }
      value.offline = value.signaling !== 'connected' && value.peers.length === 0 && value.relay !== 'saved' && value.relay !== 'saving'
      listeners.forEach((l) => l(value))
    },
    subscribe(l: (s: RoomStatus) => void) {
      listeners.add(l)
      return () => listeners.delete(l)
    },
  }
}
