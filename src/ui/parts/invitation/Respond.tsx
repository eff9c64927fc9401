import { For, Show, createSignal } from 'solid-js'
import { myPlace, type Answer, type EventContent, type InvitationView, type Stance } from '../../../model/index.ts'
import { actions } from '../../actions/index.ts'
import { you } from '../../actions/devices.ts'
import { answerLabel } from '../../format.ts'
import { say, t, type Problem } from '../../i18n/index.ts'

const ANSWERS: Answer[] = ['yes', 'maybe', 'no']
const STANCES: Stance[] = ['agree', 'abstain', 'object', 'block']

/** Why you wait: a full event, or a party bigger than the places left. "Full" is said only when it is. */
const waiting = (v: InvitationView, n: number, guests: number): string => {
  const left = ((v.content as EventContent).capacity ?? 0) - v.seatsTaken
  if (left <= 0) return t('respond.full', { n })
  if (n === 1) return t('respond.tooFew', { left, guests })
  return t('respond.behind', { n, left })
}

/** One tap to answer, one tap to change your mind. A no is as easy as a yes, and costs nothing. */
export const Respond = (props: { v: InvitationView }) => {
  const place = () => myPlace(props.v, you() ?? '')
  const [note, setNote] = createSignal(place().reply?.note ?? '')
  const [plus, setPlus] = createSignal(place().reply?.plus ?? 0)
  const [error, setError] = createSignal<Problem | null>(null)
  const [saved, setSaved] = createSignal<(() => string) | null>(null)
  const proposal = () => props.v.kind === 'proposal'
  const allowed = () => (props.v.kind === 'event' ? (props.v.content as EventContent).plusOnes : 0)
  const send = async (a: Answer | Stance, done: () => string) => {
    const r = await actions.respond(props.v.id, { answer: a, note: note().trim() || undefined, plus: a === 'yes' && plus() ? plus() : undefined, at: props.v.occurrence?.at })
    setError(r.ok ? null : r.error)
    setSaved(() => (r.ok ? done : null))
    if (!r.ok && r.fields?.note) document.getElementById('answer-note')?.focus()
  }
  // the note and guests can change without changing the answer
  const changed = () => {
    const r = place().reply
    return !!r && ((r.note ?? '') !== note().trim() || (r.answer === 'yes' && r.plus !== plus()))
  }
  const closed = () => props.v.status === 'closed' || props.v.status === 'cancelled'
  const save = () => (proposal() ? t('respond.saveReason') : allowed() ? t('respond.saveNoteAndGuests') : t('respond.saveNote'))
  return (
    <section class="answer" aria-labelledby="answer-title">
      <h2 id="answer-title">{proposal() ? t('respond.stanceTitle') : t('respond.answerTitle')}</h2>
      <Show when={!closed()} fallback={
        <p class="muted">{props.v.status === 'cancelled' ? t('respond.cancelled') : t('respond.over')}</p>
      }>
        <div class="choices" role="group" aria-label={proposal() ? t('respond.stance') : t('respond.answer')}>
          <For each={proposal() ? STANCES : ANSWERS}>{(a) => (
            <button type="button" class={`choice ${a}`} aria-pressed={place().reply?.answer === a}
              onClick={() => send(a, () => t('respond.done', { answer: t(`respond.${a}`) }))}>{t(`respond.${a}`)}</button>
          )}</For>
        </div>
        <Show when={allowed() > 0}>
          <label for="answer-plus">{t('respond.guests', { n: allowed() })}</label>
          <input id="answer-plus" type="number" min="0" max={allowed()} inputmode="numeric" value={plus()}
            onInput={(e) => setPlus(Math.max(0, Math.min(allowed(), Math.floor(Number(e.currentTarget.value) || 0))))} />
        </Show>
        <label for="answer-note">{proposal() ? t('respond.reason') : t('respond.note')}</label>
        <textarea id="answer-note" rows="2" maxlength="1000" value={note()} onInput={(e) => setNote(e.currentTarget.value)} aria-describedby="answer-error" />
        <Show when={changed()}>
          <button type="button" onClick={() => { const a = place().reply!.answer; void send(a, () => t('respond.saved', { answer: answerLabel(a) })) }}>{save()}</button>
        </Show>
        <p id="answer-error" class="field-error" role="alert">{say(error())}</p>
        <p class="muted" role="status">{saved()?.()}</p>
      </Show>
      <Show when={!closed() && place().waitlistPosition}>{(n) => <p class="banner">{waiting(props.v, n(), place().reply?.plus ?? 0)}</p>}</Show>
    </section>
  )
}
