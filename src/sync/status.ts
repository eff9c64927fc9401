/** A tiny observable value: what the UI shows about a room's connection. */
export interface RoomStatus {
  signaling: 'connected' | 'connecting' | 'none'
  peers: { id: string; member?: string; name?: string }[]
  lastSynced: number | null
  offline: boolean
}

export const createStatus = () => {
  let value: RoomStatus = { signaling: 'none', peers: [], lastSynced: null, offline: true }
  const listeners = new Set<(s: RoomStatus) => void>()
  return {
    get: () => value,
    set(patch: Partial<RoomStatus>) {
      value = { ...value, ...patch }
      value.offline = value.signaling !== 'connected' && value.peers.length === 0
      listeners.forEach((l) => l(value))
    },
    subscribe(l: (s: RoomStatus) => void) {
      listeners.add(l)
      return () => listeners.delete(l)
    },
  }
}
