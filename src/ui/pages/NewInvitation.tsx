import { Match, Show, Switch, createEffect, createSignal, on } from 'solid-js'
import type { Content, FieldErrors, Kind } from '../../model/index.ts'
import { actions, enterRoom } from '../bridge.ts'
import { localZone, zonedToEpoch } from '../format.ts'
import { go } from '../route.ts'

const TITLES: Record<Kind, string> = { project: 'Invite people to a project', event: 'Host an event', proposal: 'Propose' }

const Field = (props: { id: string; label: string; error?: string; children: any; hint?: string }) => (
  <div class="field">
    <label for={props.id}>{props.label}</label>
    {props.children}
    <Show when={props.hint}><p class="hint">{props.hint}</p></Show>
    <p id={`${props.id}-error`} class="field-error">{props.error}</p>
  </div>
)

const num = (v: FormDataEntryValue | null) => (v === null || String(v).trim() === '' ? undefined : Number(v))

/** Reads the form into content; what does not parse is left for the model's validation to name. */
const readForm = (kind: Kind, f: FormData): Content => {
  const base = { title: String(f.get('title') ?? ''), text: String(f.get('text') ?? '') }
  if (kind === 'project') {
    const skills = String(f.get('skills') ?? '').split(',').map((s) => s.trim()).filter(Boolean)
    return { ...base, skills, threshold: num(f.get('threshold')) }
  }
  const tz = String(f.get('tz') ?? '')
  if (kind === 'event') {
    return {
      ...base, tz, place: String(f.get('place') ?? ''), online: f.get('online') === 'on',
      start: zonedToEpoch(String(f.get('start')), tz), end: zonedToEpoch(String(f.get('end')), tz),
      capacity: num(f.get('capacity')), plusOnes: num(f.get('plusOnes')) ?? 0,
    }
  }
  return { ...base, closesAt: zonedToEpoch(String(f.get('closesAt')), localZone()) }
}

export const NewInvitation = (props: { roomId: string; kind: string }) => {
  const kind = () => (['project', 'event', 'proposal'].includes(props.kind) ? (props.kind as Kind) : 'project')
  const [errors, setErrors] = createSignal<FieldErrors>({})
  const [message, setMessage] = createSignal<string | null>(null)
  createEffect(on(() => props.roomId, (id) => void enterRoom(id)))
  const err = (field: string) => errors()[field]
  const submit = async (e: SubmitEvent) => {
    e.preventDefault()
    const r = await actions.invite(kind(), readForm(kind(), new FormData(e.currentTarget as HTMLFormElement)))
    if (r.ok) return go(`#/room/${props.roomId}/i/${r.id}`)
    setErrors(r.fields ?? {})
    setMessage(r.error)
  }
  const input = (name: string, type = 'text', extra: Record<string, unknown> = {}) => (
    <input id={`f-${name}`} name={name} type={type} aria-invalid={!!err(name)} aria-describedby={`f-${name}-error`} {...extra} />
  )
  return (
    <main class="page">
      <header class="top">
        <a href={`#/room/${props.roomId}`} class="back" aria-label="Back to the room">←</a>
        <h1>{TITLES[kind()]}</h1>
      </header>
      <form onSubmit={submit} novalidate class="form">
        <Show when={message()}><p class="banner error" role="alert">{message()}</p></Show>
        <Field id="f-title" label="Title" error={err('title')}>{input('title', 'text', { maxlength: 200, required: true })}</Field>
        <Field id="f-text" label={kind() === 'proposal' ? 'The proposal' : kind() === 'project' ? 'What and why' : 'Description'} error={err('text')}>
          <textarea id="f-text" name="text" rows="5" aria-invalid={!!err('text')} aria-describedby="f-text-error" />
        </Field>
        <Switch>
          <Match when={kind() === 'project'}>
            <Field id="f-skills" label="Skills or roles wanted" hint="Separate them with commas." error={err('skills')}>{input('skills')}</Field>
            <Field id="f-threshold" label="Happens if this many people commit (optional)" error={err('threshold')}>{input('threshold', 'number', { min: 1, inputmode: 'numeric' })}</Field>
          </Match>
          <Match when={kind() === 'event'}>
            <Field id="f-start" label="Starts" error={err('start')}>{input('start', 'datetime-local')}</Field>
            <Field id="f-end" label="Ends" error={err('end')}>{input('end', 'datetime-local')}</Field>
            <Field id="f-tz" label="Time zone" error={err('tz')}>{input('tz', 'text', { value: localZone() })}</Field>
            <Field id="f-place" label="Place" error={err('place')}>{input('place')}</Field>
            <div class="check"><input id="f-online" name="online" type="checkbox" /><label for="f-online">Online</label></div>
            <Field id="f-capacity" label="Places (optional)" hint="When it is full, people join a waitlist." error={err('capacity')}>{input('capacity', 'number', { min: 1, inputmode: 'numeric' })}</Field>
            <Field id="f-plusOnes" label="Guests each person may bring" error={err('plusOnes')}>{input('plusOnes', 'number', { min: 0, max: 20, value: 0, inputmode: 'numeric' })}</Field>
          </Match>
          <Match when={kind() === 'proposal'}>
            <Field id="f-closesAt" label="Consent closes" error={err('closesAt')}>{input('closesAt', 'datetime-local')}</Field>
          </Match>
        </Switch>
        <button type="submit" class="primary">{kind() === 'proposal' ? 'Open the proposal' : 'Send the invitation'}</button>
      </form>
    </main>
  )
}
