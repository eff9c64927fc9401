import { For, Show, createSignal } from 'solid-js'
import type { CommentView, InvitationView } from '../../model/index.ts'
import { actions } from '../actions.ts'
import { discussionOf, me } from '../bridge.ts'
import { ago, when } from '../format.ts'
import { t } from '../i18n/index.ts'
import { msg } from '../i18n/messages.ts'
import { Name, TimeLooksWrong, nameText } from './Name.tsx'

// replies nest at most MAX_DEPTH deep (the model places deeper ones beside their parent), so this stays shallow
const count = (list: CommentView[]): number => list.reduce((n, c) => n + (c.gone ? 0 : 1) + count(c.replies), 0)

/** A text box with a send button; says what went wrong beside it, and keeps the text when it did. */
const Compose = (props: { id: string; label: string; button: string; initial?: string; onSend: (text: string) => Promise<string | null>; onCancel?: () => void }) => {
  const [error, setError] = createSignal<string | null>(null)
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
      <p id={`${props.id}-error`} class="field-error" role="alert">{error() ? msg(error()!) : ''}</p>
      <div class="row wrap">
        <button type="submit" disabled={busy()}>{props.button}</button>
        <Show when={props.onCancel}><button type="button" onClick={() => props.onCancel!()}>{t('discussion.cancel')}</button></Show>
      </div>
    </form>
  )
}

const result = (r: { ok: boolean; error?: string }) => (r.ok ? null : r.error ?? '')

const Comment = (props: { c: CommentView; v: InvitationView }) => {
  const [mode, setMode] = createSignal<'read' | 'edit' | 'reply'>('read')
  const [note, setNote] = createSignal<string | null>(null)
  const mine = () => props.c.by === me()?.id
  const isHost = () => props.v.hosts.includes(me()?.id ?? '')
  const id = () => props.c.ref.replace(/[^A-Za-z0-9_-]/g, '-')
  const withdraw = async () => {
    if (!confirm(t('discussion.withdrawConfirm'))) return
    const r = await actions.withdrawComment(props.v.id, props.c.ref)
    if (!r.ok) setNote(msg(r.error))
  }
  const toggleHidden = async () => {
    const was = props.c.hidden
    const r = was ? await actions.unhideComment(props.v.id, props.c.ref) : await actions.hideComment(props.v.id, props.c.ref)
    setNote(r.ok ? t(was ? 'discussion.shownDone' : 'discussion.hiddenDone') : msg(r.error))
  }
  return (
    <li>
      <article class="comment" aria-label={t('discussion.by', { name: nameText(props.c.by) })}>
        <p class="comment-head">
          <strong><Name id={props.c.by} /></strong>{' '}
          <time class="muted" dateTime={new Date(props.c.at).toISOString()} title={when(props.c.at)}>{ago(props.c.at)}</time>
          <Show when={props.c.replyTo}>{(to) => <> <span class="muted">{t('discussion.inReplyTo', { name: nameText(to()) })}</span></>}</Show>
          <Show when={props.c.editedAt !== undefined && !props.c.gone}> <span class="muted">{t('discussion.edited')}</span></Show>
          <Show when={props.c.timeLooksWrong}> <TimeLooksWrong /></Show>
        </p>
        <Show when={!props.c.gone} fallback={<p class="muted">{t('discussion.withdrawn')}</p>}>
          <Show when={props.c.hidden}><p class="muted">{t(mine() ? 'discussion.hiddenMine' : 'discussion.hidden')}</p></Show>
          <Show when={mode() === 'edit'} fallback={<Show when={props.c.text}><p class="comment-text">{props.c.text}</p></Show>}>
            <Compose id={`edit-${id()}`} label={t('discussion.editLabel')} button={t('discussion.save')} initial={props.c.text}
              onCancel={() => setMode('read')}
              onSend={async (text) => { const err = result(await actions.editComment(props.v.id, props.c.ref, text)); if (!err) setMode('read'); return err }} />
          </Show>
          <div class="row wrap comment-actions">
            <Show when={!props.c.hidden}>
              <button type="button" class="link" onClick={() => setMode(mode() === 'reply' ? 'read' : 'reply')}
                aria-label={t('discussion.replyTo', { name: nameText(props.c.by) })}>{t('discussion.reply')}</button>
            </Show>
            <Show when={mine() && mode() !== 'edit'}>
              <button type="button" class="link" onClick={() => setMode('edit')}>{t('discussion.edit')}</button>
              <button type="button" class="link" onClick={withdraw}>{t('discussion.withdraw')}</button>
            </Show>
            <Show when={isHost()}>
              <button type="button" class="link" onClick={toggleHidden}>{t(props.c.hidden ? 'discussion.show' : 'discussion.hide')}</button>
            </Show>
          </div>
          <Show when={note()}><p class="muted" role="status">{note()}</p></Show>
        </Show>
        <Show when={mode() === 'reply'}>
          <Compose id={`reply-${id()}`} label={t('discussion.replyLabel', { name: nameText(props.c.by) })} button={t('discussion.postReply')}
            onCancel={() => setMode('read')}
            onSend={async (text) => { const err = result(await actions.comment(props.v.id, text, props.c.ref)); if (!err) setMode('read'); return err }} />
        </Show>
      </article>
      <Show when={props.c.replies.length}>
        <ul class="comments replies">
          <For each={props.c.replies}>{(r) => <Comment c={r} v={props.v} />}</For>
        </ul>
      </Show>
    </li>
  )
}

/** The invitation's comments and replies, live, with a box to write one. */
export const Discussion = (props: { v: InvitationView }) => {
  const thread = () => discussionOf(props.v.id)
  return (
    <section class="discussion" aria-labelledby="discussion-title">
      <h2 id="discussion-title">{t('discussion.count', { n: count(thread()) })}</h2>
      <Show when={thread().length} fallback={<p class="muted">{t('discussion.empty')}</p>}>
        <ul class="comments">
          <For each={thread()}>{(c) => <Comment c={c} v={props.v} />}</For>
        </ul>
      </Show>
      <Compose id="new-comment" label={t('discussion.write')} button={t('discussion.post')}
        onSend={async (text) => result(await actions.comment(props.v.id, text))} />
    </section>
  )
}
