import { For, Show, createSignal } from 'solid-js'
import type { InvitationView } from '../../model/index.ts'
import { actions } from '../actions.ts'
import { me, nameOf } from '../bridge.ts'
import { ago, localZone, when, zonedToEpoch } from '../format.ts'

/** The live tally, with every objection and block beside its reason, and the outcome once closed. */
export const Consent = (props: { v: InvitationView }) => {
  const [error, setError] = createSignal<string | null>(null)
  const t = () => props.v.tally
  const isHost = () => props.v.hosts.includes(me()?.id ?? '')
  const close = async (e: SubmitEvent) => {
    e.preventDefault()
    const f = new FormData(e.currentTarget as HTMLFormElement)
    const review = String(f.get('review') ?? '')
    const reviewAt = review ? zonedToEpoch(`${review}T12:00`, localZone()) : undefined
    if (reviewAt !== undefined && !(reviewAt > Date.now())) return setError('A review date is a day still ahead. Choose a later one, or leave it empty.')
    const r = await actions.close(props.v.id, String(f.get('outcome') ?? '').trim(), reviewAt)
    setError(r.ok ? null : r.error)
  }
  return (
    <section aria-labelledby="consent-title" class="consent">
      <h2 id="consent-title">Consent</h2>
      <Show when={props.v.status !== 'closed'} fallback={<p>Closed {when(props.v.closed?.at ?? props.v.closesAt!)}</p>}>
        <p>Closes {ago(props.v.closesAt!)} ({when(props.v.closesAt!)})</p>
      </Show>
      <dl class="tally" aria-label="Tally">
        <div><dt>Agree</dt><dd>{t().agree}</dd></div>
        <div><dt>Abstain</dt><dd>{t().abstain}</dd></div>
        <div><dt>Object</dt><dd>{t().object}</dd></div>
        <div class={t().block ? 'blocked' : ''}><dt>Block</dt><dd>{t().block}</dd></div>
      </dl>
      <Show when={props.v.blocked}><p class="banner error" role="status">Blocked: {t().block === 1 ? 'one person blocks' : `${t().block} people block`} this proposal. A block is real; talk it through.</p></Show>
      <Show when={props.v.concerns.length}>
        <h3>Objections and blocks</h3>
        <ul class="concerns">
          <For each={props.v.concerns}>{(c) => <li><strong>{nameOf(c.member)}</strong> {c.answer === 'block' ? 'blocks' : 'objects'}: {c.note}</li>}</For>
        </ul>
      </Show>
      <Show when={props.v.closed}>{(c) => (
        <div class="outcome">
          <h3>Outcome</h3>
          <p class="text">{c().outcome}</p>
          <Show when={c().review}><p>Review on {when(c().review!)}</p></Show>
          <p class="muted">Recorded by {nameOf(c().by)}</p>
        </div>
      )}</Show>
      <Show when={isHost() && props.v.status !== 'cancelled'}>
        <form class="form" onSubmit={close} novalidate>
          <h3>{props.v.closed ? 'Change the outcome' : 'Close with an outcome'}</h3>
          <label for="outcome">Outcome statement</label>
          <textarea id="outcome" name="outcome" rows="3" required>{props.v.closed?.outcome ?? ''}</textarea>
          <label for="review">Review date (optional)</label>
          <input id="review" name="review" type="date" />
          <p class="field-error" role="alert">{error()}</p>
          <button type="submit" class="primary">{props.v.closed ? 'Save the outcome' : 'Close and record the outcome'}</button>
        </form>
      </Show>
    </section>
  )
}
