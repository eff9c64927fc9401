import { Show, createSignal } from 'solid-js'
import type { InvitationView } from '../../../model/index.ts'
import { actions } from '../../actions/index.ts'
import { you } from '../../actions/devices.ts'
import { say, t, type Problem } from '../../i18n/index.ts'
import { nameText } from '../people/Name.tsx'

/** An invitation to co-host, or to take over: accept or decline. */
export const CohostOffer = (props: { v: InvitationView }) => {
  const [error, setError] = createSignal<Problem | null>(null)
  const offer = () => props.v.pending.find((p) => p.member === you())
  return (
    <Show when={offer()}>{(o) => (
      <section class="banner offer" aria-label={o().understudy ? t('understudy.offer') : t('cohost.offer')}>
        <p>{o().understudy ? t('understudy.invites', { name: nameText(o().by) }) : o().handoverFrom ? t('cohost.handover', { name: nameText(o().by) }) : t('cohost.invites', { name: nameText(o().by) })}</p>
        <div class="row wrap">
          <button type="button" class="primary" onClick={async () => { const r = await actions.acceptCohost(props.v.id); setError(r.ok ? null : r.error) }}>{o().understudy ? t('understudy.accept') : t('cohost.accept')}</button>
          <button type="button" onClick={async () => { const r = await actions.declineCohost(props.v.id); setError(r.ok ? null : r.error) }}>{t('cohost.decline')}</button>
        </div>
        <p class="field-error" role="alert">{say(error())}</p>
      </section>
    )}</Show>
  )
}
