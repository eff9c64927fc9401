import { For, Show, createSignal } from 'solid-js'
import type { EventContent, InvitationView, Result } from '../../model/index.ts'
import { actions } from '../actions.ts'
import { me, members, nameOf } from '../bridge.ts'

/** What a host can do: edit, cancel, share the role, step down or hand over, and make everyone at home. */
export const HostTools = (props: { v: InvitationView; roomId: string; onStepDown: (text: string) => void }) => {
  // a message belongs to the version it was about: once the invitation moves on (they accepted, someone else acted), it goes
  const [message, setMessage] = createSignal<{ ok: boolean; text: string; upTo: number } | null>(null)
  const shown = () => { const m = message(); return m && props.v.version <= m.upTo ? m : null }
  const others = () => members().filter((m) => m.id !== me()?.id && !props.v.hosts.includes(m.id))
  const pendingIds = () => new Set(props.v.pending.map((p) => p.member))
  const over = () => props.v.status === 'cancelled' || props.v.status === 'closed'
  const report = (r: Result, done: string, upTo: number) =>
    setMessage(r.ok ? { ok: true, text: done, upTo } : { ok: false, text: r.error, upTo: props.v.version })
  const refuse = (text: string) => setMessage({ ok: false, text, upTo: props.v.version })
  const act = async (run: () => Promise<Result>, done: string) => {
    const upTo = props.v.next
    report(await run(), done, upTo)
  }
  const pick = (form: HTMLFormElement) => String(new FormData(form).get('member') ?? '')
  const cohost = async (e: SubmitEvent) => {
    e.preventDefault()
    const m = pick(e.currentTarget as HTMLFormElement)
    if (!m) return refuse('Choose someone to invite as co-host.')
    await act(() => actions.inviteCohost(props.v.id, m), `${nameOf(m)} is invited to co-host. They become a host when they accept.`)
  }
  const handOver = async (e: SubmitEvent) => {
    e.preventDefault()
    const m = pick(e.currentTarget as HTMLFormElement)
    if (!m) return refuse('Choose who you hand over to.')
    if (!confirm(`Hand this over to ${nameOf(m)}? You step down as host when they accept.`)) return
    await act(() => actions.stepDown(props.v.id, m), `Handing over to ${nameOf(m)}: you step down when they accept.`)
  }
  const stepDown = async () => {
    if (!confirm('Step down as host? The other hosts carry on, and you can’t change this invitation any more.')) return
    const r = await actions.stepDown(props.v.id)
    if (r.ok) props.onStepDown('You stepped down. Thank you for hosting.')
    else refuse(r.error)
  }
  const cancel = async () => {
    if (confirm('Cancel this invitation for everyone?')) await act(() => actions.cancel(props.v.id), 'Cancelled. Everyone sees it.')
  }
  const home = async () => {
    if (confirm('Make yourself at home: everyone who said yes becomes a co-host. Continue?'))
      await act(() => actions.makeYourselfAtHome(props.v.id), 'Everyone who said yes is now a co-host.')
  }
  // who came can be told once it has begun, and about the guests: a host doesn't vouch for themselves
  const begun = () => props.v.kind === 'event' && Date.now() >= (props.v.content as EventContent).start
  const guests = () => props.v.going.filter((r) => !props.v.hosts.includes(r.member))
  const attended = async (e: SubmitEvent) => {
    e.preventDefault()
    const ms = new FormData(e.currentTarget as HTMLFormElement).getAll('came').map(String)
    if (!ms.length) return refuse('Tick who came.')
    await act(() => actions.recordAttendance(props.v.id, ms), 'Thank you: it shows in their track record.')
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
        <a class="button" href={`#/room/${encodeURIComponent(props.roomId)}/i/${encodeURIComponent(props.v.id)}/edit`}>Edit</a>
        <Show when={!over()}><button type="button" onClick={cancel}>Cancel invitation</button></Show>
        <Show when={!over() && !props.v.atHome}><button type="button" onClick={home}>Make yourself at home</button></Show>
      </div>
      <Show when={!over()}>
        <form class="form" onSubmit={cohost}>
          <MemberSelect id="cohost-member" label="Invite a co-host" />
          <button type="submit">Invite as co-host</button>
        </form>
      </Show>
      <Show when={props.v.hosts.length > 1} fallback={
        <Show when={!over()}>
          <form class="form" onSubmit={handOver}>
            <MemberSelect id="handover-member" label="Hand over and step down" />
            <button type="submit">Hand over</button>
            <p class="hint">You are the only host, so someone takes over when they accept.</p>
          </form>
        </Show>
      }>
        <button type="button" onClick={stepDown}>Step down</button>
      </Show>
      <Show when={begun() && props.v.status !== 'cancelled' && guests().length}>
        <form class="form" onSubmit={attended}>
          <fieldset>
            <legend>Who came?</legend>
            <For each={guests()}>{(r) => (
              <div class="check">
                <input type="checkbox" id={`came-${r.member}`} name="came" value={r.member} checked={props.v.attended.includes(r.member)} />
                <label for={`came-${r.member}`}>{nameOf(r.member)}</label>
              </div>
            )}</For>
          </fieldset>
          <button type="submit">Record who came</button>
        </form>
      </Show>
      <Show when={shown()}>{(m) => <p class={m().ok ? 'muted' : 'field-error'} role={m().ok ? 'status' : 'alert'}>{m().text}</p>}</Show>
    </section>
  )
}
