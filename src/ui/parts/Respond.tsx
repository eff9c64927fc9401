import { For, Show, createSignal } from 'solid-js'
import { myPlace, type Answer, type EventContent, type InvitationView, type Stance } from '../../model/index.ts'
import { actions } from '../actions.ts'
import { me } from '../bridge.ts'

const ANSWERS: [Answer, string][] = [['yes', 'Yes'], ['maybe', 'Maybe'], ['no', 'No']]
const STANCES: [Stance, string][] = [['agree', 'Agree'], ['abstain', 'Abstain'], ['object', 'Object'], ['block', 'Block']]

/** One tap to answer, one tap to change your mind. A no is as easy as a yes, and costs nothing. */
export const Respond = (props: { v: InvitationView }) => {
  const place = () => myPlace(props.v, me()?.id ?? '')
  const [note, setNote] = createSignal(place().reply?.note ?? '')
  const [plus, setPlus] = createSignal(place().reply?.plus ?? 0)
  const [error, setError] = createSignal<string | null>(null)
  const [saved, setSaved] = createSignal<string | null>(null)
  const proposal = () => props.v.kind === 'proposal'
  const allowed = () => (props.v.kind === 'event' ? (props.v.content as EventContent).plusOnes : 0)
  const answer = async (a: Answer | Stance, label: string) => {
    const r = await actions.respond(props.v.id, { answer: a, note: note() || undefined, plus: a === 'yes' && plus() ? plus() : undefined })
    setError(r.ok ? null : r.error)
    setSaved(r.ok ? `Your answer: ${label}. You can change it any time.` : null)
  }
  const closed = () => props.v.status === 'closed' || props.v.status === 'cancelled'
  return (
    <section class="answer" aria-labelledby="answer-title">
      <h2 id="answer-title">{proposal() ? 'Your stance' : 'Will you come?'}</h2>
      <Show when={!closed()} fallback={<p class="muted">This is {props.v.status}; answers are closed.</p>}>
        <Show when={allowed() > 0}>
          <label for="answer-plus">Guests you bring (up to {allowed()})</label>
          <input id="answer-plus" type="number" min="0" max={allowed()} inputmode="numeric" value={plus()} onInput={(e) => setPlus(Number(e.currentTarget.value) || 0)} />
        </Show>
        <label for="answer-note">{proposal() ? 'Reason (needed to object or block)' : 'Note (optional)'}</label>
        <textarea id="answer-note" rows="2" maxlength="1000" value={note()} onInput={(e) => setNote(e.currentTarget.value)} aria-describedby="answer-error" />
        <div class="choices" role="group" aria-label={proposal() ? 'Stance' : 'Answer'}>
          <For each={proposal() ? STANCES : ANSWERS}>{([a, label]) => (
            <button type="button" class={`choice ${a}`} aria-pressed={place().reply?.answer === a} onClick={() => answer(a, label)}>{label}</button>
          )}</For>
        </div>
        <p id="answer-error" class="field-error" role="alert">{error()}</p>
        <p class="muted" role="status">{saved()}</p>
      </Show>
      <Show when={place().waitlistPosition}>{(n) => <p class="banner">The event is full: you are number {n()} on the waitlist. You move up when someone can’t come.</p>}</Show>
    </section>
  )
}
