import { Show } from 'solid-js'
import { status } from '../bridge.ts'
import { ago } from '../format.ts'

export const Status = () => {
  const s = () => status()
  return (
    <section class="status" aria-label="Connection" aria-live="polite">
      <Show when={s()}>{(st) => (
        <>
          <span class={`dot ${st().offline ? 'off' : 'on'}`} aria-hidden="true" />
          <span>
            {st().offline ? 'Offline, your changes are saved on this device.'
              : st().peers.length ? `Connected with ${st().peers.map((p) => p.name ?? 'someone').join(', ')}`
              : 'Looking for others in this room…'}
          </span>
          <span class="muted"> · Signaling {st().signaling === 'connected' ? 'connected' : st().signaling === 'connecting' ? 'not reachable' : 'off'}</span>
          <Show when={st().lastSynced}>{(t) => <span class="muted"> · Last synced {ago(t())}</span>}</Show>
        </>
      )}</Show>
    </section>
  )
}
