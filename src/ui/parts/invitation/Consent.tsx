import { For, Show, createSignal } from 'solid-js'
import type { InvitationView } from '../../../model/index.ts'
import { actions } from '../../actions/index.ts'
import { you } from '../../actions/devices.ts'
import { ago, localZone, when, zonedToEpoch } from '../../format.ts'
import { say, t, type Problem } from '../../i18n/index.ts'
import { Name, TimeLooksWrong } from '../people/Name.tsx'

/** The live tally, with every objection and block beside its reason, and the outcome once closed. */
export const Consent = (props: { v: InvitationView }) => {
  const [error, setError] = createSignal<Problem | null>(null)
  const n = () => props.v.tally
  const isHost = () => props.v.hosts.includes(you() ?? '')
  const close = async (e: SubmitEvent) => {
    e.preventDefault()
    const f = new FormData(e.currentTarget as HTMLFormElement)
    const review = String(f.get('review') ?? '')
    const reviewAt = review ? zonedToEpoch(`${review}T12:00`, localZone()) : undefined
    if (reviewAt !== undefined && !(reviewAt > Date.now())) return setError({ code: 'review-ahead' })
    const r = await actions.close(props.v.id, String(f.get('outcome') ?? '').trim(), reviewAt)
    setError(r.ok ? null : r.error)
  }
  return (
    <section aria-labelledby="consent-title" class="consent">
      <h2 id="consent-title">{t('consent.title')}</h2>
      <Show when={props.v.status !== 'closed'} fallback={<p>{t('consent.closed', { when: when(props.v.closed?.at ?? props.v.closesAt!) })}<Show when={props.v.timeLooksWrong}> <TimeLooksWrong /></Show></p>}>
        <p>{t('consent.closes', { ago: ago(props.v.closesAt!), when: when(props.v.closesAt!) })}</p>
      </Show>
      <dl class="tally" aria-label={t('consent.tally')}>
        <div><dt>{t('consent.agree')}</dt><dd>{n().agree}</dd></div>
        <div><dt>{t('consent.abstain')}</dt><dd>{n().abstain}</dd></div>
        <div><dt>{t('consent.object')}</dt><dd>{n().object}</dd></div>
        <div class={n().block ? 'blocked' : ''}><dt>{t('consent.block')}</dt><dd>{n().block}</dd></div>
      </dl>
      <Show when={props.v.blocked}><p class="banner error" role="status">{t('consent.blocked', { n: n().block })}</p></Show>
      <Show when={props.v.concerns.length}>
        <h3>{t('consent.concerns')}</h3>
        <ul class="concerns">
          <For each={props.v.concerns}>{(c) => <li><strong><Name id={c.member} /></strong> {c.answer === 'block' ? t('consent.blocks') : t('consent.objects')}: {c.note}<Show when={c.timeLooksWrong}> <TimeLooksWrong /></Show></li>}</For>
        </ul>
      </Show>
      <Show when={props.v.closed}>{(c) => (
        <div class="outcome">
          <h3>{t('consent.outcome')}</h3>
          <p class="text">{c().outcome}</p>
          <Show when={c().review}><p>{t('consent.review', { when: when(c().review!) })}</p></Show>
          <p class="muted">{t('consent.recordedBy')}<Name id={c().by} /></p>
        </div>
      )}</Show>
      <Show when={isHost() && props.v.status !== 'cancelled'}>
        <form class="form" onSubmit={close} novalidate>
          <h3>{props.v.closed ? t('consent.change') : t('consent.closeWith')}</h3>
          <label for="outcome">{t('consent.statement')}</label>
          <textarea id="outcome" name="outcome" rows="3" required>{props.v.closed?.outcome ?? ''}</textarea>
          <label for="review">{t('consent.reviewDate')}</label>
          <input id="review" name="review" type="date" />
          <p class="field-error" role="alert">{say(error())}</p>
          <button type="submit" class="primary">{props.v.closed ? t('consent.save') : t('consent.closeAndRecord')}</button>
        </form>
      </Show>
    </section>
  )
}
