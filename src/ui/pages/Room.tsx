import { Show, createEffect, createSignal, on } from 'solid-js'
import { enterRoom, feed, leaveRoom, rooms, shareLink } from '../bridge.ts'
import { Feed } from '../parts/Feed.tsx'
import { Status } from '../parts/Status.tsx'
import { go } from '../route.ts'

export const RoomPage = (props: { roomId: string }) => {
  const [error, setError] = createSignal<string | null>(null)
  const [ready, setReady] = createSignal(false)
  const [copied, setCopied] = createSignal(false)
  createEffect(on(() => props.roomId, async (id) => {
    setReady(false)
    setError(await enterRoom(id))
    setReady(true)
  }))
  const room = () => rooms().find((r) => r.id === props.roomId)
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(shareLink())
      setCopied(true)
    } catch {
      setCopied(false)
    }
  }
  const leave = async () => {
    if (!confirm('Leave this room? Its invitations will be deleted from this device. Others keep theirs.')) return
    await leaveRoom(props.roomId)
    go('#/')
  }
  return (
    <main class="page room">
      <header class="top">
        <a href="#/" class="back" aria-label="All rooms">←</a>
        <h1>{room()?.name ?? 'Room'}</h1>
      </header>
      <Show when={!error()} fallback={<p class="banner error" role="alert">{error()}</p>}>
        <Status />
        <nav class="make" aria-label="Make an invitation">
          <a class="button" href={`#/room/${props.roomId}/new/project`}>Invite people to a project</a>
          <a class="button" href={`#/room/${props.roomId}/new/event`}>Host an event</a>
          <a class="button" href={`#/room/${props.roomId}/new/proposal`}>Propose</a>
        </nav>
        <Show when={ready()} fallback={<p aria-busy="true">Opening the room…</p>}>
          <Show when={feed.list.length} fallback={<p class="empty">Nothing here yet. Be the first: invite people to something.</p>}>
            <p class="count">{feed.list.length.toLocaleString()} invitations</p>
            <Feed items={feed.list} roomId={props.roomId} />
          </Show>
        </Show>
        <details class="share">
          <summary>Share this room</summary>
          <label for="share-link">Room link</label>
          <input id="share-link" readonly value={shareLink()} onFocus={(e) => e.currentTarget.select()} />
          <button type="button" onClick={copy}>{copied() ? 'Copied' : 'Copy link'}</button>
          <p class="muted">Anyone with this link can join and read the room. Share it with people you trust.</p>
        </details>
        <button type="button" class="danger" onClick={leave}>Leave room</button>
      </Show>
    </main>
  )
}
