import { For, Show, createSignal } from 'solid-js'
import { needsAnswer, type InvitationView, type ReplyView as Reply } from '../../../model/index.ts'
import { members } from '../../bridge/index.ts'
import { you } from '../../actions/devices.ts'
import { t } from '../../i18n/index.ts'
import { Name, TimeLooksWrong, nameText } from '../people/Name.tsx'

const List = (props: { title: string; list: Reply[]; numbered?: boolean }) => (
  <Show when={props.list.length}>
    <h3>{t('replies.heading', { title: props.title, n: props.list.length })}</h3>
    <ol class={`people ${props.numbered ? '' : 'plain'}`}>
      <For each={props.list}>{(r) => <li><Name id={r.member} />{r.plus ? ` +${r.plus}` : ''}<Show when={r.note}><span class="muted"> — {r.note}</span></Show><Show when={r.timeLooksWrong}> <TimeLooksWrong /></Show></li>}</For>
    </ol>
  </Show>
)

const by = (v: InvitationView, stance: string) => v.stances.filter((r) => r.answer === stance)

/** Who said what: going, the waitlist in its order, maybe, and not going; on a proposal, who agreed or stood aside. */
export const Replies = (props: { v: InvitationView }) => (
  <>
    <List title={t('replies.agree')} list={by(props.v, 'agree')} />
    <List title={t('replies.abstain')} list={by(props.v, 'abstain')} />
    <List title={t('replies.going')} list={props.v.going} />
    <List title={t('replies.waitlist')} list={props.v.waitlist} numbered />
    <List title={t('replies.maybe')} list={props.v.maybe} />
    <List title={t('replies.notGoing')} list={props.v.declined} />
  </>
)

/** The room's members who haven't answered yet (hosts aside), so a host knows whom to nudge. */
export const NotAnswered = (props: { v: InvitationView; link: string }) => {
  const [copied, setCopied] = createSignal<string | null>(null)
  const waiting = () => members().filter((m) => needsAnswer(props.v, m.id)).sort((a, b) => a.name.localeCompare(b.name))
  const open = () => props.v.status === 'open' || props.v.status === 'confirmed'
  const isHost = () => props.v.hosts.includes(you() ?? '')
  const remind = () => {
    const names = waiting().map((m) => nameText(m.id)).join(', ')
    const text = t(props.v.kind === 'proposal' ? 'replies.remindProposal' : 'replies.remindEvent', { names, title: props.v.content.title, link: props.link })
    navigator.clipboard.writeText(text).then(
      () => setCopied(t('replies.reminded')),
      () => setCopied(t('replies.cantCopy')))
  }
  return (
    <Show when={open() && waiting().length}>
      <h3 id="not-answered">{t('replies.notAnswered', { n: waiting().length })}</h3>
      <ul class="people plain" aria-labelledby="not-answered">
        <For each={waiting()}>{(m) => <li><Name id={m.id} />{m.id === you() ? t('common.you') : ''}</li>}</For>
      </ul>
      <Show when={isHost()}>
        <button type="button" onClick={remind}>{t('replies.remind')}</button>
        <p class="muted" role="status">{copied()}</p>
      </Show>
    </Show>
  )
}
