import { For, Show, createResource, createSignal } from 'solid-js'
import type { PushState } from '../../../sync/index.ts'
import { feed, me, session } from '../../bridge/index.ts'
import { say, t, type Problem } from '../../i18n/index.ts'
import { reminderSettings, setReminderSettings } from '../../actions/notify.ts'
import { invitationPath } from '../../route.ts'

const pushOf = () => session()?.push()

/** A room's notifications on this device: on (with a push subscription, or only while the app is open) or off. */
export const RoomNotify = (props: { roomId: string }) => {
  const [error, setError] = createSignal<Problem | null>(null)
  const [state, { mutate }] = createResource(() => session()?.ref.id, async () => (await pushOf())?.state() ?? 'off')
  const toggle = async (on: boolean) => {
    const p = await pushOf()
    if (!p) return
    setError(null)
    if (!on) { await p.turnOff(); mutate('off'); return }
    const r = await p.turnOn()
    mutate(r.state)
    if (r.error) setError(r.error)
  }
  const words: Record<PushState, string> = { on: 'push.on', local: 'push.local', off: 'push.off' } as const
  return (
    <section class="notify" aria-label={t('push.room')}>
      <label class="check">
        <input type="checkbox" checked={state() !== undefined && state() !== 'off'} onChange={(e) => void toggle(e.currentTarget.checked)} />
        {t('push.room')}
      </label>
      <p class="hint">{t('push.roomHint')}</p>
      <p role="status" class="hint">{state() && !error() ? t(words[state()!] as 'push.on') : ''}</p>
      <Show when={error()}>{(e) => <p class="field-error" role="alert">{say(e())}</p>}</Show>
    </section>
  )
}

/** Mutes one invitation's notifications on this device (the service worker leaves them out); shown when the room's are on. */
export const MuteInvitation = (props: { inviteId: string }) => {
  const [muted, { mutate }] = createResource(() => session()?.ref.id, async () => {
    const p = await pushOf()
    return p && (await p.state()) !== 'off' ? await p.muted(props.inviteId) : null
  })
  const set = async (on: boolean) => {
    await (await pushOf())?.mute(props.inviteId, on)
    mutate(on)
  }
  return (
    <Show when={muted() !== null && muted() !== undefined}>
      <label class="check">
        <input type="checkbox" checked={!!muted()} onChange={(e) => void set(e.currentTarget.checked)} />
        {t('push.mute')}
      </label>
    </Show>
  )
}

/** In-app reminders: events this person is going to that start within a day, while the app is open. */
export const SoonBanner = (props: { roomId: string }) => {
  const soon = () => {
    const now = Date.now()
    const id = me()?.id
    return feed().filter((v) => {
      const start = (v.content as { start?: number }).start
      return v.kind === 'event' && !v.cancelled && typeof start === 'number' && start > now && start - now < 24 * 3600_000 && v.going.some((r) => r.member === id)
    })
  }
  return (
    <Show when={soon().length}>
      <ul class="soon" aria-label={t('push.reminders')}>
        <For each={soon()}>{(v) => <li><a href={invitationPath(props.roomId, v.id)}>{t('push.soon', { title: String((v.content as { title?: string }).title ?? '') })}</a></li>}</For>
      </ul>
    </Show>
  )
}

/** Settings: which reminders this device asks for before events the person is going to. */
export const ReminderSettings = () => {
  const [s, setS] = createSignal(reminderSettings())
  const set = (patch: Partial<{ day: boolean; hour: boolean }>) => {
    const next = { ...s(), ...patch }
    setReminderSettings(next)
    setS(next)
  }
  return (
    <fieldset class="reminders">
      <legend>{t('push.reminders')}</legend>
      <label class="check"><input type="checkbox" checked={s().day} onChange={(e) => set({ day: e.currentTarget.checked })} />{t('push.reminderDay')}</label>
      <label class="check"><input type="checkbox" checked={s().hour} onChange={(e) => set({ hour: e.currentTarget.checked })} />{t('push.reminderHour')}</label>
    </fieldset>
  )
}

/** The people muted in this room on this device, or null when its notifications are off: read once per page. */
export const mutedPeople = () => createResource(() => session()?.ref.id, async () => {
  const p = await pushOf()
  return p && (await p.state()) !== 'off' ? await p.mutedPeople() : null
})

/** Mutes one person's notifications in this room on this device (the service worker leaves their notes out). */
export const MutePerson = (props: { person: string; name: string; muted: readonly string[] | null | undefined; onChange: (muted: string[]) => void }) => {
  const set = async (on: boolean) => {
    const p = await pushOf()
    if (!p) return
    await p.mutePerson(props.person, on)
    props.onChange(await p.mutedPeople())
  }
  return (
    <Show when={props.muted}>{(list) => (
      <label class="check">
        <input type="checkbox" checked={list().includes(props.person)} onChange={(e) => void set(e.currentTarget.checked)} />
        {t('push.mutePerson', { name: props.name })}
      </label>
    )}</Show>
  )
}
