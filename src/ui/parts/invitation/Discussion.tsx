import { For, Show, createMemo, createSignal } from 'solid-js'
import type { CommentView, InvitationView } from '../../../model/index.ts'
import { actions } from '../../actions/index.ts'
import { discussionOf, me } from '../../bridge/index.ts'
import { you } from '../../actions/devices.ts'
import { ago, when } from '../../format.ts'
import type { Done } from '../../actions/index.ts'
import { say, t, type Problem } from '../../i18n/index.ts'
import { Name, TimeLooksWrong, nameText } from '../people/Name.tsx'

// replies nest at most MAX_DEPTH deep (the model places deeper ones beside their parent), so this stays shallow
const count = (list: CommentView[]): number => list.reduce((n, c) => n + (c.gone ? 0 : 1) + count(c.replies), 0)

/** A text box with a send button; says what went wrong beside it, and keeps the text when it did. */
const Compose = (props: { id: string; label: string; button: string; initial?: string; onSend: (text: string) => Promise<Problem | null>; onCancel?: () => void }) => {
  const [error, setError] = createSignal<Problem | null>(null)
  const [busy, setBusy] = createSignal(false)
  let box!: HTMLTextAreaElement
  const send = async (e: SubmitEvent) => {
    e.preventDefault()
    setBusy(true)
    const err = await props.onSend(box.value)
    setBusy(false)
    setError(err)
    if (!err && !props.initial) box.value = ''
  }
  return (
    <form class="form compose" onSubmit={send}>
      <label for={props.id}>{props.label}</label>
      <textarea ref={box} id={props.id} name="text" rows="3" value={props.initial ?? ''} aria-describedby={`${props.id}-error`} />
      <p id={`${props.id}-error`} class="field-error" role="alert">{say(error())}</p>
      <div class="row wrap">
        <button type="submit" disabled={busy()}>{props.button}</button>
        <Show when={props.onCancel}><button type="button" onClick={() => props.onCancel!()}>{t('discussion.cancel')}</button></Show>
      </div>
    </form>
  )
}

const GONE: CommentView = { ref: '', by: '', text: '', at: 0, gone: true, hidden: false, replies: [], timeLooksWrong: false }

const result = (r: Done) => (r.ok ? null : r.error)

/**
 * One comment, known by its ref: the thread is derived afresh whenever anything about the invitation changes,
 * so a comment looks itself up each time and keeps what its person is typing (a reply, an edit) meanwhile.
 */
const Comment = (props: { of: string; find: (ref: string) => CommentView | undefined; v: InvitationView }) => {
  // for the moment between a comment leaving the thread and this part of the page going with it
  const c = () => props.find(props.of) ?? GONE
  const [mode, setMode] = createSignal<'read' | 'edit' | 'reply'>('read')
  const [note, setNote] = createSignal<string | null>(null)
  const mine = () => c().by === me()?.id
  const isHost = () => props.v.hosts.includes(you() ?? '')
  const id = () => c().ref.replace(/[^A-Za-z0-9_-]/g, '-')
  const withdraw = async () => {
    if (!confirm(t('discussion.withdrawConfirm'))) return
    const r = await actions.withdrawComment(props.v.id, c().ref)
    if (!r.ok) setNote(say(r.error))
  }
  const toggleHidden = async () => {
    const was = c().hidden
    const r = was ? await actions.unhideComment(props.v.id, c().ref) : await actions.hideComment(props.v.id, c().ref)
    setNote(r.ok ? t(was ? 'discussion.shownDone' : 'discussion.hiddenDone') : say(r.error))
  }
  return (
    <li>
      <article class="comment" aria-label={t('discussion.by', { name: nameText(c().by) })}>
        <p class="comment-head">
          <strong><Name id={c().by} /></strong>{' '}
          <time class="muted" dateTime={new Date(c().at).toISOString()} title={when(c().at)}>{ago(c().at)}</time>
          <Show when={c().replyTo}>{(to) => <> <span class="muted">{t('discussion.inReplyTo', { name: nameText(to()) })}</span></>}</Show>
          <Show when={c().editedAt !== undefined && !c().gone}> <span class="muted">{t('discussion.edited')}</span></Show>
          <Show when={c().timeLooksWrong}> <TimeLooksWrong /></Show>
        </p>
        <Show when={!c().gone} fallback={<p class="muted">{t('discussion.withdrawn')}</p>}>
          <Show when={c().hidden}><p class="muted">{t(mine() ? 'discussion.hiddenMine' : 'discussion.hidden')}</p></Show>
          <Show when={mode() === 'edit'} fallback={<Show when={c().text}><p class="comment-text">{c().text}</p></Show>}>
            <Compose id={`edit-${id()}`} label={t('discussion.editLabel')} button={t('discussion.save')} initial={c().text}
              onCancel={() => setMode('read')}
              onSend={async (text) => { const err = result(await actions.editComment(props.v.id, c().ref, text)); if (!err) setMode('read'); return err }} />
          </Show>
          <div class="row wrap comment-actions">
            <Show when={!c().hidden}>
              <button type="button" class="link" onClick={() => setMode(mode() === 'reply' ? 'read' : 'reply')}
                aria-label={t('discussion.replyTo', { name: nameText(c().by) })}>{t('discussion.reply')}</button>
            </Show>
            <Show when={mine() && mode() !== 'edit'}>
              <button type="button" class="link" onClick={() => setMode('edit')}>{t('discussion.edit')}</button>
              <button type="button" class="link" onClick={withdraw}>{t('discussion.withdraw')}</button>
            </Show>
            <Show when={isHost()}>
              <button type="button" class="link" onClick={toggleHidden}>{t(c().hidden ? 'discussion.show' : 'discussion.hide')}</button>
            </Show>
          </div>
          <Show when={note()}><p class="muted" role="status">{note()}</p></Show>
        </Show>
        <Show when={mode() === 'reply'}>
          <Compose id={`reply-${id()}`} label={t('discussion.replyLabel', { name: nameText(c().by) })} button={t('discussion.postReply')}
            onCancel={() => setMode('read')}
            onSend={async (text) => { const err = result(await actions.comment(props.v.id, text, c().ref)); if (!err) setMode('read'); return err }} />
        </Show>
      </article>
      <Show when={c().replies.length}>
        <ul class="comments replies">
          <For each={c().replies.map((r) => r.ref)}>{(ref) => <Comment of={ref} find={props.find} v={props.v} />}</For>
        </ul>
      </Show>
    </li>
  )
}

/** The invitation's comments and replies, live, with a box to write one. */
export const Discussion = (props: { v: InvitationView }) => {
  const thread = () => discussionOf(props.v.id)
  const index = createMemo(() => {
    const all = new Map<string, CommentView>()
    const add = (list: CommentView[]) => list.forEach((c) => { all.set(c.ref, c); add(c.replies) })
    add(thread())
    return all
  })
  const find = (ref: string) => index().get(ref)
  return (
    <section class="discussion" aria-labelledby="discussion-title">
      <h2 id="discussion-title">{t('discussion.count', { n: count(thread()) })}</h2>
      <Show when={thread().length} fallback={<p class="muted">{t('discussion.empty')}</p>}>
        <ul class="comments">
          <For each={thread().map((c) => c.ref)}>{(ref) => <Comment of={ref} find={find} v={props.v} />}</For>
        </ul>
      </Show>
      <Compose id="new-comment" label={t('discussion.write')} button={t('discussion.post')}
        onSend={async (text) => result(await actions.comment(props.v.id, text))} />
    </section>
  )
}
