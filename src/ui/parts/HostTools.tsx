import { For, Show, createSignal } from 'solid-js'
import type { InvitationView, Result } from '../../model/index.ts'
import { actions } from '../actions.ts'
import { me, members, nameOf } from '../bridge.ts'

/** What a host can do: edit, cancel, share the role, step down or hand over, and make everyone at home. */
export const HostTools = (props: { v: InvitationView; roomId: string }) => {
  const [message, setMessage] = createSignal<{ ok: boolean; text: string } | null>(null)
  const others = () => members().filter((m) => m.id !== me()?.id && !props.v.hosts.includes(m.id))
  const pendingIds = () => new Set(props.v.pending.map((p) => p.member))
  const report = (r: Result, done: string) => setMessage(r.ok ? { ok: true, text: done } : { ok: false, text: r.error })
  const pick = (form: HTMLFormElement) => String(new FormData(form).get('member') ?? '')
  const cohost = async (e: SubmitEvent) => {
    e.preventDefault()
    const m = pick(e.currentTarget as HTMLFormElement)
    if (!m) return setMessage({ ok: false, text: 'Choose someone to invite as co-host.' })
    report(await actions.inviteCohost(props.v.id, m), `${nameOf(m)} is invited to co-host. They become a host when they accept.`)
  }
  const handOver = async (e: SubmitEvent) => {
    e.preventDefault()
    const m = pick(e.currentTarget as HTMLFormElement)
    if (!m) return setMessage({ ok: false, text: 'Choose who you hand over to.' })
    report(await actions.stepDown(props.v.id, m), `Handing over to ${nameOf(m)}: you step down when they accept.`)
  }
  const stepDown = async () => report(await actions.stepDown(props.v.id), 'You stepped down. Thank you for hosting.')
  const cancel = async () => {
    if (confirm('Cancel this invitation for everyone?')) report(await actions.cancel(props.v.id), 'Cancelled. Everyone sees it.')
  }
  const home = async () => {
    if (confirm('Make yourself at home: everyone who said yes becomes a co-host. Continue?'))
      report(await actions.makeYourselfAtHome(props.v.id), 'Everyone who said yes is now a co-host.')
  }
  const attended = async (e: SubmitEvent) => {
    e.preventDefault()
    const ms = new FormData(e.currentTarget as HTMLFormElement).getAll('came').map(String)
    if (!ms.length) return setMessage({ ok: false, text: 'Tick who came.' })
    report(await actions.recordAttendance(props.v.id, ms), 'Thank you: it shows in their track record.')
  }
  const MemberSelect = (p: { id: string; label: string }) => (
    <>
      <label for={p.id}>{p.label}</label>
      <select id={p.id} name="member">
        <option value="">Choose a person…</option>
        <For each={others()}>{(m) => <option value={m.id} disabled={pendingIds().has(m.id)}>{m.name}{pendingIds().has(m.id) ? ' (invited)' : ''}</option>}</For>
      </select>
    </>
  )
  return (
    <section class="host-tools" aria-labelledby="host-title">
      <h2 id="host-title">You host this</h2>
      <div class="row wrap">
        <a class="button" href={`#/room/${props.roomId}/i/${props.v.id}/edit`}>Edit</a>
        <Show when={props.v.status !== 'cancelled'}><button type="button" onClick={cancel}>Cancel invitation</button></Show>
        <Show when={!props.v.atHome}><button type="button" onClick={home}>Make yourself at home</button></Show>
      </div>
      <form class="form" onSubmit={cohost}>
        <MemberSelect id="cohost-member" label="Invite a co-host" />
        <button type="submit">Invite as co-host</button>
      </form>
      <Show when={props.v.hosts.length > 1} fallback={
        <form class="form" onSubmit={handOver}>
          <MemberSelect id="handover-member" label="Hand over and step down" />
          <button type="submit">Hand over</button>
          <p class="hint">You are the only host, so someone takes over when they accept.</p>
        </form>
      }>
        <button type="button" onClick={stepDown}>Step down</button>
      </Show>
      <Show when={props.v.kind === 'event' && props.v.going.length}>
        <form class="form" onSubmit={attended}>
          <fieldset>
            <legend>Who came?</legend>
            <For each={props.v.going}>{(r) => (
              <div class="check">
                <input type="checkbox" id={`came-${r.member}`} name="came" value={r.member} checked={props.v.attended.includes(r.member)} />
                <label for={`came-${r.member}`}>{nameOf(r.member)}</label>
              </div>
            )}</For>
          </fieldset>
          <button type="submit">Record who came</button>
        </form>
      </Show>
      <Show when={message()}>{(m) => <p class={m().ok ? 'muted' : 'field-error'} role={m().ok ? 'status' : 'alert'}>{m().text}</p>}</Show>
    </section>
  )
}
