import { Show } from 'solid-js'
import type { RoomStatus } from '../../../sync/index.ts'
import { status } from '../../bridge/index.ts'
import { ago } from '../../format.ts'
import { say, t } from '../../i18n/index.ts'

/** Where this phone's changes are: the person should never have to guess whether others will see them. */
const saved = (st: RoomStatus): string => {
  switch (st.relay) {
    case 'saved': return t('connection.saved')
    case 'saving': return t('connection.saving', { n: st.pending })
    // "connecting" is not "offline": a room that has just opened says so until its first attempt settles
    case 'connecting': return t('connection.relayConnecting')
    case 'unreachable':
      return st.offline ? t('connection.offlineRelay') : t('connection.unreachable')
    case 'refused': return t('connection.refused', { reason: st.relayError ? say(st.relayError) : t('connection.noReason') })
    default: return st.offline ? t('connection.offline') : t('connection.noRelay')
  }
}

const who = (p: RoomStatus['peers'][number]) => `${p.name ?? t('common.someone')}${p.via === 'relay' ? t('connection.viaRelay') : ''}`

export const Status = () => {
  const s = () => status()
  return (
    <section class="status" aria-label={t('connection.label')} aria-live="polite">
      <Show when={s()}>{(st) => (
        <>
          <p class="status-line">
            <span class={`dot ${st().relay === 'saved' ? 'on' : st().relay === 'off' && !st().offline ? 'on' : 'off'}`} aria-hidden="true" />
            <span>{saved(st())}</span>
          </p>
          <p class="status-line muted">
            <span>{st().peers.length ? t('connection.connectedWith', { names: st().peers.map(who).join(', ') }) : st().offline ? t('connection.nobody') : t('connection.looking')}</span>
            <span>{st().signaling === 'connected' ? t('connection.signalingConnected') : st().signaling === 'connecting' ? t('connection.signalingUnreachable') : t('connection.signalingOff')}</span>
            <Show when={st().lastSynced}>{(at) => <span>{t('connection.lastSynced', { ago: ago(at()) })}</span>}</Show>
          </p>
        </>
      )}</Show>
    </section>
  )
}
