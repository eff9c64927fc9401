import { For, Show, createSignal } from 'solid-js'
import { myPlace, type Answer, type EventContent, type InvitationView, type Stance } from '../../model/index.ts'
import { actions } from '../actions.ts'
import { me } from '../bridge.ts'
import { ANSWER_LABEL } from '../format.ts'

const ANSWERS: [Answer, string][] = [['yes', 'Yes'], ['maybe', 'Maybe'], ['no', 'No']]
const STANCES: [Stance, string][] = [['agree', 'Agree'], ['abstain', 'Abstain'], ['object', 'Object'], ['block', 'Block']]

const places = (n: number) => `${n} ${n === 1 ? 'place is' : 'places are'}`

/** Why you wait: a full event, or a party bigger than the places left. "Full" is said only when it is. */
const waiting = (v: InvitationView, n: number, guests: number): string => {
  const left = ((v.content as EventContent).capacity ?? 0) - v.seatsTaken
  if (left <= 0) return `The event is full: you are number ${n} on the waitlist. You move up when someone can’t come.`
  if (n === 1) return `Only ${places(left)} left: not enough for you and ${guests === 1 ? 'your guest' : `your ${guests} guests`}. You are number 1 on the waitlist; bring fewer guests to take a place now.`
  return `You are number ${n} on the waitlist: the ${left === 1 ? 'place' : `${left} places`} left ${left === 1 ? 'is' : 'are'} not enough for the people before you.`
}

/** One tap to answer, one tap to change your mind. A no is as easy as a yes, and costs nothing. */
export const Respond = (props: { v: InvitationView }) => {
  const place = () => myPlace(props.v, me()?.id ?? '')
  const [note, setNote] = createSignal(place().reply?.note ?? '')
  const [plus, setPlus] = createSignal(place().reply?.plus ?? 0)
  const [error, setError] = createSignal<string | null>(null)
  const [saved, setSaved] = createSignal<string | null>(null)
  const proposal = () => props.v.kind === 'proposal'
  const allowed = () => (props.v.kind === 'event' ? (props.v.content as EventContent).plusOnes : 0)
  const send = async (a: Answer | Stance, done: string) => {
    const r = await actions.respond(props.v.id, { answer: a, note: note().trim() || undefined, plus: a === 'yes' && plus() ? plus() : undefined })
    setError(r.ok ? null : r.error)
    setSaved(r.ok ? done : null)
    if (!r.ok && r.fields?.note) document.getElementById('answer-note')?.focus()
  }
  // the note and guests can change without changing the answer
  const changed = () => {
    const r = place().reply
    return !!r && ((r.note ?? '') !== note().trim() || (r.answer === 'yes' && r.plus !== plus()))
  }
  const closed = () => props.v.status === 'closed' || props.v.status === 'cancelled'
  const what = () => (proposal() ? 'reason' : allowed() ? 'note and guests' : 'note')
  return (
    <section class="answer" aria-labelledby="answer-title">
      <h2 id="answer-title">{proposal() ? 'Your stance' : 'Will you come?'}</h2>
      <Show when={!closed()} fallback={
        <p class="muted">{props.v.status === 'cancelled' ? 'This was cancelled, so there is nothing to answer.' : 'This is over; answers are closed.'}</p>
      }>
        <div class="choices" role="group" aria-label={proposal() ? 'Stance' : 'Answer'}>
          <For each={proposal() ? STANCES : ANSWERS}>{([a, label]) => (
            <button type="button" class={`choice ${a}`} aria-pressed={place().reply?.answer === a}
              onClick={() => send(a, `Your answer: ${label}. You can change it any time.`)}>{label}</button>
          )}</For>
        </div>
        <Show when={allowed() > 0}>
          <label for="answer-plus">Guests you bring (up to {allowed()})</label>
          <input id="answer-plus" type="number" min="0" max={allowed()} inputmode="numeric" value={plus()}
            onInput={(e) => setPlus(Math.max(0, Math.min(allowed(), Math.floor(Number(e.currentTarget.value) || 0))))} />
        </Show>
        <label for="answer-note">{proposal() ? 'Reason (needed to object or block)' : 'Note (optional)'}</label>
        <textarea id="answer-note" rows="2" maxlength="1000" value={note()} onInput={(e) => setNote(e.currentTarget.value)} aria-describedby="answer-error" />
        <Show when={changed()}>
          <button type="button" onClick={() => send(place().reply!.answer, `Saved. Your answer is still: ${ANSWER_LABEL[place().reply!.answer]}.`)}>Save {what()}</button>
        </Show>
        <p id="answer-error" class="field-error" role="alert">{error()}</p>
        <p class="muted" role="status">{saved()}</p>
      </Show>
      <Show when={!closed() && place().waitlistPosition}>{(n) => <p class="banner">{waiting(props.v, n(), place().reply?.plus ?? 0)}</p>}</Show>
    </section>
  )
}
