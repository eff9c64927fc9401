import { Show, createSignal } from 'solid-js'
import type { InvitationView } from '../../model/index.ts'
import { actions } from '../actions.ts'
import { me, nameOf } from '../bridge.ts'

/** An invitation to co-host, or to take over: accept or decline. */
export const CohostOffer = (props: { v: InvitationView }) => {
  const [error, setError] = createSignal<string | null>(null)
  const offer = () => props.v.pending.find((p) => p.member === me()?.id)
  return (
    <Show when={offer()}>{(o) => (
      <section class="banner offer" aria-label="Co-host invitation">
        <p>{o().handoverFrom ? `${nameOf(o().by)} would like to hand this over to you.` : `${nameOf(o().by)} invites you to co-host this.`}</p>
        <div class="row wrap">
          <button type="button" class="primary" onClick={async () => { const r = await actions.acceptCohost(props.v.id); setError(r.ok ? null : r.error) }}>Accept co-hosting</button>
          <button type="button" onClick={async () => { const r = await actions.declineCohost(props.v.id); setError(r.ok ? null : r.error) }}>Decline</button>
        </div>
        <p class="field-error" role="alert">{error()}</p>
      </section>
    )}</Show>
  )
}
