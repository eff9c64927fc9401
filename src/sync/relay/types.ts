import type { SyncError } from '../errors.ts'

export interface RelayState {
  /** off: no relay set · connecting · saved: everything here is on the relay · saving: changes wait for the relay's ack · unreachable · refused */
  state: 'off' | 'connecting' | 'saved' | 'saving' | 'unreachable' | 'refused'
  pending: number
  error?: SyncError
  /** people the relay says are in this room now (sealed presence), by member id */
  here: { member: string; name: string }[]
}

export interface RelayStore {
  get: (k: string) => Promise<unknown>
  set: (k: string, v: unknown) => Promise<unknown>
}

export interface RelaySync {
  state: () => RelayState
  destroy: () => void
}
