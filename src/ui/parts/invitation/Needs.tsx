import { For, Show, createSignal } from 'solid-js'
import type { InvitationView, NeedView } from '../../../model/index.ts'
import { actions, type Done } from '../../actions/index.ts'
import { needsOf } from '../../bridge/index.ts'
import { you } from '../../actions/devices.ts'
import { say, t, type Problem } from '../../i18n/index.ts'
import { Name, nameText } from '../people/Name.tsx'

/** A host lets someone go from a need, and says why: the reason is shown to everyone. */
const Release = (props: { v: InvitationView; need: NeedView; member: string; ref: string; onDone: (r: Done) => void }) => {
  const [open, setOpen] = createSignal(false)
  const label = () => t('needs.releaseFor', { name: nameText(props.member), what: props.need.what })
  const submit = async (e: SubmitEvent) => {
    e.preventDefault()
    const why = String(new FormData(e.currentTarget as HTMLFormElement).get('why') ?? '')
    const r = await actions.release(props.v.id, props.ref, why)
    if (r.ok) setOpen(false)
    props.onDone(r)
  }
  return (
    <Show when={open()} fallback={<button type="button" class="small" aria-label={label()} onClick={() => setOpen(true)}>{t('needs.release')}</button>}>
      <form class="row wrap" onSubmit={submit} aria-label={label()}>
        <label for={`why-${props.ref}`}>{t('needs.why')}</label>
        <input id={`why-${props.ref}`} name="why" type="text" maxlength="1000" />
        <button type="submit">{t('needs.confirmRelease')}</button>
      </form>
    </Show>
  )
}

/** What the invitation asks for, who stepped up for each, and a "Step up" or "Hand back" for the person reading. */
export const Needs = (props: { v: InvitationView }) => {
  const [problem, setProblem] = createSignal<Problem | null>(null)
  const needs = () => needsOf(props.v.id)
  const isHost = () => props.v.hosts.includes(you() ?? '')
  const open = () => props.v.status !== 'cancelled' && props.v.status !== 'closed'
  const report = (r: Done) => setProblem(r.ok ? null : r.error)
  return (
    <Show when={needs().length}>
      <section class="needs" aria-labelledby="needs-title">
        <h2 id="needs-title">{t('needs.title')}</h2>
        <ul class="need-list">
          <For each={needs()}>{(need) => {
            const mine = () => need.claims.some((c) => c.member === you())
            const waiting = () => need.waiting.some((c) => c.member === you())
            return (
              <li class="need" aria-label={need.what}>
                <div class="row wrap need-head">
                  <strong>{need.what}</strong>
                  <span class="muted">{t('needs.of', { taken: need.claims.length, n: need.n })}</span>
                  <Show when={open()}>
                    <Show when={mine() || waiting()} fallback={
                      <Show when={need.claims.length < need.n}>
                        <button type="button" class="primary small" aria-label={t('needs.stepUpFor', { what: need.what })}
                          onClick={async () => report(await actions.claim(props.v.id, need.id))}>{t('needs.stepUp')}</button>
                      </Show>
                    }>
                      <button type="button" class="small" aria-label={t('needs.handBackFor', { what: need.what })}
                        onClick={async () => report(await actions.handBack(props.v.id, need.id))}>{t('needs.handBack')}</button>
                    </Show>
                  </Show>
                </div>
                <ul class="claims">
                  <For each={need.claims}>{(c) => (
                    <li class="row wrap">
                      <span><Name id={c.member} /></span>
                      <Show when={isHost() && open() && c.member !== you()}>
                        <Release v={props.v} need={need} member={c.member} ref={c.ref} onDone={report} />
                      </Show>
                    </li>
                  )}</For>
                </ul>
                <Show when={waiting()}><p class="muted">{t('needs.waiting')}</p></Show>
                <For each={need.released}>{(x) => (
                  <p class="muted">{t('needs.released', { name: nameText(x.member), by: nameText(x.by), why: x.why })}</p>
                )}</For>
              </li>
            )
          }}</For>
        </ul>
        <p class="field-error" role="alert">{say(problem())}</p>
      </section>
    </Show>
  )
}
