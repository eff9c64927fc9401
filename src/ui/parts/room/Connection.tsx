import { Show, createMemo, createSignal, onCleanup } from 'solid-js'
import type { RoomStatus } from '../../../sync/index.ts'
import { relay, signaling, status } from '../../bridge/index.ts'
import { t } from '../../i18n/index.ts'
import { Status } from './Status.tsx'

// past this, whatever the status says is what there is to say
const PATIENCE_MS = 8000

/** Has the first attempt to reach anyone ended, one way or the other? Until then nothing is "offline". */
const settled = (st: RoomStatus): boolean => {
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return true
  if (st.peers.length || st.signaling === 'connected') return true
  if (relay()) return st.relay !== 'off' && st.relay !== 'connecting'
  return !signaling().length
}

/** The room's connection, saying "Connecting…" while the first attempt is under way instead of flashing "Offline". */
export const Connection = () => {
  const [patient, setPatient] = createSignal(true)
  const timer = setTimeout(() => setPatient(false), PATIENCE_MS)
  onCleanup(() => clearTimeout(timer))
  // once settled it stays so: a later reconnect is the status's own business
  const waiting = createMemo<boolean>((was) => {
    if (!was) return false
    const st = status()
    return !st || (patient() && !settled(st))
  }, true)
  return (
    <Show when={!waiting()} fallback={
      <section class="status" aria-label={t('connection.label')} aria-live="polite">
        <p class="status-line"><span class="dot off" aria-hidden="true" /><span>{t('connection.connecting')}</span></p>
      </section>
    }>
      <Status />
    </Show>
  )
}
