import { Show } from 'solid-js'
import type { RoomStatus } from '../../sync/index.ts'
import { status } from '../bridge.ts'
import { ago } from '../format.ts'

/** Where this phone's changes are: the person should never have to guess whether others will see them. */
const saved = (st: RoomStatus): string => {
  switch (st.relay) {
    case 'saved': return 'Saved on the relay: others see your changes even when you are offline.'
    case 'saving': return `Sending to the relay… ${st.pending} change${st.pending === 1 ? '' : 's'} on this phone only so far.`
    // "connecting" is not "offline": a room that has just opened says so until its first attempt settles
    case 'connecting': return 'Connecting to the relay…'
    case 'unreachable':
      return st.offline ? 'Offline, your changes are saved on this device. They go to the relay when it is back.'
        : 'Relay not reachable: your changes are on this phone only, and go out when it is back.'
    case 'refused': return `The relay refused this room (${st.relayError ?? 'no reason given'}). Your changes are on this phone only.`
    default: return st.offline ? 'Offline, your changes are saved on this device.' : 'No relay: your changes reach others only while you are connected.'
  }
}

const who = (p: RoomStatus['peers'][number]) => `${p.name ?? 'someone'}${p.via === 'relay' ? ' (via the relay)' : ''}`

export const Status = () => {
  const s = () => status()
  return (
    <section class="status" aria-label="Connection" aria-live="polite">
      <Show when={s()}>{(st) => (
        <>
          <p class="status-line">
            <span class={`dot ${st().relay === 'saved' ? 'on' : st().relay === 'off' && !st().offline ? 'on' : 'off'}`} aria-hidden="true" />
            <span>{saved(st())}</span>
          </p>
          <p class="status-line muted">
            <span>{st().peers.length ? `Connected with ${st().peers.map(who).join(', ')}` : st().offline ? 'Nobody else is here right now.' : 'Looking for others in this room…'}</span>
            <span> · Signaling {st().signaling === 'connected' ? 'connected' : st().signaling === 'connecting' ? 'not reachable' : 'off'}</span>
            <Show when={st().lastSynced}>{(t) => <span> · Last synced {ago(t())}</span>}</Show>
          </p>
        </>
      )}</Show>
    </section>
  )
}
