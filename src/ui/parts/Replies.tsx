import { For, Show, createSignal } from 'solid-js'
import { needsAnswer, type InvitationView, type ReplyView as Reply } from '../../model/index.ts'
import { me, members, nameOf } from '../bridge.ts'

const List = (props: { title: string; list: Reply[]; numbered?: boolean }) => (
  <Show when={props.list.length}>
    <h3>{props.title} ({props.list.length})</h3>
    <ol class={`people ${props.numbered ? '' : 'plain'}`}>
      <For each={props.list}>{(r) => <li>{nameOf(r.member)}{r.plus ? ` +${r.plus}` : ''}<Show when={r.note}><span class="muted"> — {r.note}</span></Show></li>}</For>
    </ol>
  </Show>
)

const by = (v: InvitationView, stance: string) => v.stances.filter((r) => r.answer === stance)

/** Who said what: going, the waitlist in its order, maybe, and not going; on a proposal, who agreed or stood aside. */
export const Replies = (props: { v: InvitationView }) => (
  <>
    <List title="Agree" list={by(props.v, 'agree')} />
    <List title="Abstain" list={by(props.v, 'abstain')} />
    <List title="Going" list={props.v.going} />
    <List title="Waitlist" list={props.v.waitlist} numbered />
    <List title="Maybe" list={props.v.maybe} />
    <List title="Not going" list={props.v.declined} />
  </>
)

/** The room's members who haven't answered yet (hosts aside), so a host knows whom to nudge. */
export const NotAnswered = (props: { v: InvitationView; link: string }) => {
  const [copied, setCopied] = createSignal<string | null>(null)
  const waiting = () => members().filter((m) => needsAnswer(props.v, m.id)).sort((a, b) => a.name.localeCompare(b.name))
  const open = () => props.v.status === 'open' || props.v.status === 'confirmed'
  const isHost = () => props.v.hosts.includes(me()?.id ?? '')
  const remind = () => {
    const names = waiting().map((m) => m.name).join(', ')
    const text = `${names}: ${props.v.kind === 'proposal' ? 'what do you think of' : 'will you join'} “${props.v.content.title}”? ${props.link}`
    navigator.clipboard.writeText(text).then(
      () => setCopied('Copied: paste it in a message to them.'),
      () => setCopied('Could not copy here.'))
  }
  return (
    <Show when={open() && waiting().length}>
      <h3 id="not-answered">Not answered yet ({waiting().length})</h3>
      <ul class="people plain" aria-labelledby="not-answered">
        <For each={waiting()}>{(m) => <li>{m.name}{m.id === me()?.id ? ' (you)' : ''}</li>}</For>
      </ul>
      <Show when={isHost()}>
        <button type="button" onClick={remind}>Copy a reminder</button>
        <p class="muted" role="status">{copied()}</p>
      </Show>
    </Show>
  )
}
