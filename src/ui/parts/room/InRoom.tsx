import { Show, createEffect, createSignal, on, type JSX } from 'solid-js'
import { enterRoom } from '../../bridge/index.ts'
import { say, t, type Problem } from '../../i18n/index.ts'
import { NotFound } from '../../pages/NotFound.tsx'

/**
 * Opens the room a screen belongs to. A room this device doesn't hold gets a plain message and the
 * way home, never an empty screen; `ready` says when what this device holds has been read.
 */
export const InRoom = (props: { roomId: string; children: (ready: () => boolean) => JSX.Element }) => {
  const [error, setError] = createSignal<Problem | null>(null)
  const [ready, setReady] = createSignal(false)
  createEffect(on(() => props.roomId, async (id) => {
    setReady(false)
    setError(await enterRoom(id))
    setReady(true)
  }))
  return (
    <Show when={!error()} fallback={<NotFound title={t('notFound.room')}><p>{say(error())}</p></NotFound>}>
      {props.children(ready)}
    </Show>
  )
}
