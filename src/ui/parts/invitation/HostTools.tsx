import { For, Show, createSignal } from 'solid-js'
import type { EventContent, InvitationView } from '../../../model/index.ts'
import { actions, type Done } from '../../actions/index.ts'
import { members } from '../../bridge/index.ts'
import { you } from '../../actions/devices.ts'
import { say, t, type Problem } from '../../i18n/index.ts'
import { Name, nameText } from '../people/Name.tsx'

/** What a host was told: done, or what is wrong. */
type Message = { ok: true; text: string; upTo: number } | { ok: false; problem: Problem; upTo: number }
const words = (m: Message) => (m.ok ? m.text : say(m.problem))

/** What a host can do: edit, cancel, share the role, step down or hand over, and make everyone at home. */
export const HostTools = (props: { v: InvitationView; roomId: string; onStepDown: (text: string) => void }) => {
  // a message belongs to the version it was about: once the invitation moves on (they accepted, someone else acted), it goes
  const [message, setMessage] = createSignal<Message | null>(null)
  const shown = () => { const m = message(); return m && props.v.version <= m.upTo ? m : null }
  const others = () => members().filter((m) => m.id !== you() && !props.v.hosts.includes(m.id))
  const pendingIds = () => new Set(props.v.pending.map((p) => p.member))
  const over = () => props.v.status === 'cancelled' || props.v.status === 'closed'
  const report = (r: Done, done: string, upTo: number) =>
    setMessage(r.ok ? { ok: true, text: done, upTo } : { ok: false, problem: r.error, upTo: props.v.version })
  const refuse = (problem: Problem) => setMessage({ ok: false, problem, upTo: props.v.version })
  const act = async (run: () => Promise<Done>, done: string) => {
    const upTo = props.v.next
    report(await run(), done, upTo)
  }
  const pick = (form: HTMLFormElement) => String(new FormData(form).get('member') ?? '')
  const cohost = async (e: SubmitEvent) => {
    e.preventDefault()
    const m = pick(e.currentTarget as HTMLFormElement)
    if (!m) return refuse({ code: 'choose-cohost' })
    await act(() => actions.inviteCohost(props.v.id, m), t('host.cohostInvited', { name: nameText(m) }))
  }
  const handOver = async (e: SubmitEvent) => {
    e.preventDefault()
    const m = pick(e.currentTarget as HTMLFormElement)
    if (!m) return refuse({ code: 'choose-hand-over' })
    if (!confirm(t('host.confirmHandOver', { name: nameText(m) }))) return
    await act(() => actions.stepDown(props.v.id, m), t('host.handingOver', { name: nameText(m) }))
  }
  const stepDown = async () => {
    if (!confirm(t('host.confirmStepDown'))) return
    const r = await actions.stepDown(props.v.id)
    if (r.ok) props.onStepDown(t('host.steppedDown'))
    else refuse(r.error)
  }
  const cancel = async () => {
    if (confirm(t('host.confirmCancel'))) await act(() => actions.cancel(props.v.id), t('host.cancelled'))
  }
  const home = async () => {
    if (confirm(t('host.confirmHome')))
      await act(() => actions.makeYourselfAtHome(props.v.id), t('host.atHome'))
  }
  // who came can be told once it has begun, and about the guests: a host doesn't vouch for themselves
  const begun = () => props.v.kind === 'event' && Date.now() >= (props.v.content as EventContent).start
  const guests = () => props.v.going.filter((r) => !props.v.hosts.includes(r.member))
  const attended = async (e: SubmitEvent) => {
    e.preventDefault()
    const ms = new FormData(e.currentTarget as HTMLFormElement).getAll('came').map(String)
    if (!ms.length) return refuse({ code: 'tick-who-came' })
    await act(() => actions.recordAttendance(props.v.id, ms), t('host.thanks'))
  }
  const MemberSelect = (p: { id: string; label: string }) => (
    <>
      <label for={p.id}>{p.label}</label>
      <select id={p.id} name="member">
        <option value="">{t('host.choose')}</option>
        <For each={others()}>{(m) => <option value={m.id} disabled={pendingIds().has(m.id)}>{nameText(m.id)}{pendingIds().has(m.id) ? t('host.invited') : ''}</option>}</For>
      </select>
    </>
  )
  return (
    <section class="host-tools" aria-labelledby="host-title">
      <h2 id="host-title">{t('host.title')}</h2>
      <div class="row wrap">
        <a class="button" href={`#/room/${encodeURIComponent(props.roomId)}/i/${encodeURIComponent(props.v.id)}/edit`}>{t('host.edit')}</a>
        <Show when={!over()}><button type="button" onClick={cancel}>{t('host.cancel')}</button></Show>
        <Show when={!over() && !props.v.atHome}><button type="button" onClick={home}>{t('host.home')}</button></Show>
      </div>
      <Show when={!over()}>
        <form class="form" onSubmit={cohost}>
          <MemberSelect id="cohost-member" label={t('host.inviteCohost')} />
          <button type="submit">{t('host.inviteButton')}</button>
        </form>
      </Show>
      <Show when={props.v.hosts.length > 1} fallback={
        <Show when={!over()}>
          <form class="form" onSubmit={handOver}>
            <MemberSelect id="handover-member" label={t('host.handOver')} />
            <button type="submit">{t('host.handOverButton')}</button>
            <p class="hint">{t('host.onlyHost')}</p>
          </form>
        </Show>
      }>
        <button type="button" onClick={stepDown}>{t('host.stepDown')}</button>
      </Show>
      <Show when={begun() && props.v.status !== 'cancelled' && guests().length}>
        <form class="form" onSubmit={attended}>
          <fieldset>
            <legend>{t('host.whoCame')}</legend>
            <For each={guests()}>{(r) => (
              <div class="check">
                <input type="checkbox" id={`came-${r.member}`} name="came" value={r.member} checked={props.v.attended.includes(r.member)} />
                <label for={`came-${r.member}`}><Name id={r.member} /></label>
              </div>
            )}</For>
          </fieldset>
          <button type="submit">{t('host.recordCame')}</button>
        </form>
      </Show>
      <Show when={shown()}>{(m) => <p class={m().ok ? 'muted' : 'field-error'} role={m().ok ? 'status' : 'alert'}>{words(m())}</p>}</Show>
    </section>
  )
}
