import { For, Show, createSignal } from 'solid-js'
import type { InvitationView } from '../../../model/index.ts'
import { actions, type Done } from '../../actions/index.ts'
import { members } from '../../bridge/index.ts'
import { you } from '../../actions/devices.ts'
import { when } from '../../format.ts'
import { say, t, type Problem } from '../../i18n/index.ts'
import { nameText } from '../people/Name.tsx'

const DAY = 86_400_000
// how long before a host role's end date the app asks its host
const ASK_DAYS = 7

const dayInput = (epoch: number) => new Date(epoch - new Date(epoch).getTimezoneOffset() * 60_000).toISOString().slice(0, 10)

/** A host asks for an understudy, and may give their role an end date. */
export const UnderstudyTools = (props: { v: InvitationView }) => {
  const [said, setSaid] = createSignal<{ text?: string; problem?: Problem } | null>(null)
  const mine = () => props.v.understudies.find((u) => u.of === you())
  const until = () => props.v.until.find((u) => u.member === you())?.end
  const others = () => members().filter((m) => m.id !== you() && !props.v.hosts.includes(m.id))
  const report = (r: Done, text: string) => setSaid(r.ok ? { text } : { problem: r.error })
  const ask = async (e: SubmitEvent) => {
    e.preventDefault()
    const m = String(new FormData(e.currentTarget as HTMLFormElement).get('member') ?? '')
    if (!m) return setSaid({ problem: { code: 'choose-cohost' } })
    report(await actions.askUnderstudy(props.v.id, m), t('understudy.asked', { name: nameText(m) }))
  }
  const end = async (e: SubmitEvent) => {
    e.preventDefault()
    const day = String(new FormData(e.currentTarget as HTMLFormElement).get('until') ?? '')
    const at = day ? new Date(`${day}T23:59`).getTime() : 0
    report(await actions.hostUntil(props.v.id, Number.isFinite(at) ? at : 0), t('understudy.untilSet'))
  }
  return (
    <section class="host-tools understudy" aria-labelledby="understudy-title">
      <h2 id="understudy-title">{t('understudy.title')}</h2>
      <Show when={mine()} fallback={
        <form class="row wrap" onSubmit={ask}>
          <label for="understudy-member">{t('understudy.ask')}</label>
          <select id="understudy-member" name="member">
            <option value="">{t('host.choose')}</option>
            <For each={others()}>{(m) => <option value={m.id}>{nameText(m.id)}</option>}</For>
          </select>
          <button type="submit">{t('understudy.ask')}</button>
        </form>
      }>{(u) => <p>{t('understudy.is', { name: nameText(u().member) })}</p>}</Show>
      <form class="row wrap" onSubmit={end}>
        <label for="host-until">{t('understudy.until')}</label>
        <input id="host-until" name="until" type="date" value={until() ? dayInput(until()!) : ''} />
        <button type="submit">{t('understudy.setUntil')}</button>
      </form>
      <p class="hint">{t('understudy.untilHint')}</p>
      <Show when={said()}>{(s) => <p class={s().problem ? 'field-error' : 'muted'} role="status">{s().text ?? say(s().problem)}</p>}</Show>
    </section>
  )
}

/** Before a host role's end date, the app asks its host: step down now, or keep hosting. */
export const RoleEnds = (props: { v: InvitationView }) => {
  const [problem, setProblem] = createSignal<Problem | null>(null)
  const end = () => props.v.until.find((u) => u.member === you())?.end
  const soon = () => { const e = end(); return e !== undefined && e - Date.now() < ASK_DAYS * DAY }
  const to = () => props.v.understudies.find((u) => u.of === you())?.member
  return (
    <Show when={props.v.hosts.includes(you() ?? '') && soon()}>
      <section class="banner offer" role="status">
        <p>{t('understudy.endsSoon', { date: when(end()!) })} {to() ? t('understudy.endsTo', { name: nameText(to()!) }) : t('understudy.endsAlone')}</p>
        <div class="row wrap">
          <Show when={to() || props.v.hosts.length > 1}>
            <button type="button" onClick={async () => { const r = await actions.stepDown(props.v.id, to()); setProblem(r.ok ? null : r.error) }}>{t('understudy.now')}</button>
          </Show>
          <button type="button" onClick={async () => { const r = await actions.hostUntil(props.v.id, 0); setProblem(r.ok ? null : r.error) }}>{t('understudy.keep')}</button>
        </div>
        <p class="field-error" role="alert">{say(problem())}</p>
      </section>
    </Show>
  )
}
