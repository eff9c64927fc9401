import { Match, Show, Switch, createSignal } from 'solid-js'
import { contentErrors, needsOf, type Content, type EventContent, type Kind, type ProjectContent, type ProposalContent } from '../../../model/index.ts'
import type { Done } from '../../actions/index.ts'
import { epochToZoned, localZone } from '../../format.ts'
import { say, t, type Problem } from '../../i18n/index.ts'
import { readForm, zoneNames, type FormErrors } from './readForm.ts'
import { NeedsField } from './NeedsField.tsx'

const Field = (props: { id: string; label: string; error?: Problem; children: any; hint?: string }) => (
  <div class="field">
    <label for={props.id}>{props.label}</label>
    {props.children}
    <Show when={props.hint}><p class="hint">{props.hint}</p></Show>
    <p id={`${props.id}-error`} class="field-error">{say(props.error)}</p>
  </div>
)

/** One form per kind, with every field of the model. On an error nothing typed is lost. */
export const InvitationForm = (props: { kind: Kind; initial?: Content; submitLabel: string; onSubmit: (c: Content) => Promise<Done> }) => {
  const [errors, setErrors] = createSignal<FormErrors>({})
  const [message, setMessage] = createSignal<Problem | null>(null)
  const [busy, setBusy] = createSignal(false)
  const err = (field: string) => errors()[field]
  const init = props.initial as (Partial<ProjectContent & EventContent & ProposalContent>) | undefined
  const tz = init?.tz ?? localZone()
  const [repeats, setRepeats] = createSignal<string>(init?.repeat?.every ?? '')
  let form!: HTMLFormElement
  const submit = async (e: SubmitEvent) => {
    e.preventDefault()
    const { content, errors: mine } = readForm(props.kind, new FormData(form), init)
    let r: Done
    if (Object.keys(mine).length) r = { ok: false, error: { code: 'fields-need-look' }, fields: { ...contentErrors(props.kind, content), ...mine } }
    else {
      setBusy(true)
      r = await props.onSubmit(content)
      setBusy(false)
    }
    if (r.ok) return
    setErrors(r.fields ?? {})
    setMessage(r.error)
    // after the new errors are in the page
    queueMicrotask(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus())
  }
  const input = (name: string, type = 'text', extra: Record<string, unknown> = {}) => (
    <input id={`f-${name}`} name={name} type={type} aria-invalid={!!err(name)} aria-describedby={`f-${name}-error`} {...extra} />
  )
  const at = (epoch: number | undefined, zone: string) => (epoch === undefined ? '' : epochToZoned(epoch, zone))
  return (
    <form ref={form} onSubmit={submit} novalidate class="form">
      <Show when={message()}><p class="banner error" role="alert">{say(message())}</p></Show>
      <Field id="f-title" label={t('form.title')} error={err('title')}>{input('title', 'text', { maxlength: 200, value: init?.title ?? '' })}</Field>
      <Field id="f-text" label={props.kind === 'proposal' ? t('form.proposal') : props.kind === 'project' ? t('form.whatAndWhy') : t('form.description')} error={err('text')}>
        <textarea id="f-text" name="text" rows="5" aria-invalid={!!err('text')} aria-describedby="f-text-error">{init?.text ?? ''}</textarea>
      </Field>
      <Switch>
        <Match when={props.kind === 'project'}>
          <Field id="f-threshold" label={t('form.threshold')} error={err('threshold')}>{input('threshold', 'text', { inputmode: 'numeric', value: init?.threshold ?? '' })}</Field>
        </Match>
        <Match when={props.kind === 'event'}>
          <Field id="f-start" label={t('form.start')} error={err('start')}>{input('start', 'datetime-local', { value: at(init?.start, tz) })}</Field>
          <Field id="f-end" label={t('form.end')} error={err('end')}>{input('end', 'datetime-local', { value: at(init?.end, tz) })}</Field>
          <Field id="f-tz" label={t('form.tz')} hint={t('form.tzHint')} error={err('tz')}>{input('tz', 'text', { value: tz, list: 'tz-names', autocomplete: 'off' })}</Field>
          <datalist id="tz-names">{zoneNames().map((z) => <option value={z} />)}</datalist>
          <Field id="f-place" label={t('form.place')} error={err('place')}>{input('place', 'text', { value: init?.place ?? '' })}</Field>
          <div class="check"><input id="f-online" name="online" type="checkbox" checked={init?.online ?? false} /><label for="f-online">{t('form.online')}</label></div>
          <Field id="f-capacity" label={t('form.capacity')} hint={t('form.capacityHint')} error={err('capacity')}>{input('capacity', 'text', { inputmode: 'numeric', value: init?.capacity ?? '' })}</Field>
          <Field id="f-plusOnes" label={t('form.plusOnes')} hint={t('form.plusOnesHint')} error={err('plusOnes')}>{input('plusOnes', 'text', { inputmode: 'numeric', value: init?.plusOnes ?? 0 })}</Field>
          <Field id="f-repeat" label={t('repeat.label')} error={err('repeat') ?? err('except')}>
            <select id="f-repeat" name="repeat" aria-describedby="f-repeat-error" onChange={(e) => setRepeats(e.currentTarget.value)}>
              <option value="" selected={!repeats()}>{t('repeat.never')}</option>
              <option value="week" selected={repeats() === 'week'}>{t('repeat.week')}</option>
              <option value="month" selected={repeats() === 'month'}>{t('repeat.month')}</option>
            </select>
          </Field>
          <Show when={repeats()}>
            <Field id="f-times" label={t('repeat.times')} hint={t('repeat.timesHint')} error={err('times')}>{input('times', 'text', { inputmode: 'numeric', value: init?.repeat?.times ?? (init?.repeat?.until ? '' : 4) })}</Field>
            <Field id="f-until" label={t('repeat.until')} error={err('until')}>{input('until', 'date', { value: init?.repeat?.until ? at(init.repeat.until, tz).slice(0, 10) : '' })}</Field>
          </Show>
        </Match>
        <Match when={props.kind === 'proposal'}>
          <Field id="f-closesAt" label={t('form.closesAt')} error={err('closesAt')}>{input('closesAt', 'datetime-local', { value: at(init?.closesAt, localZone()) })}</Field>
        </Match>
      </Switch>
      <NeedsField initial={props.initial ? needsOf(props.initial) : []} error={err('needs')} />
      <button type="submit" class="primary" disabled={busy()}>{props.submitLabel}</button>
    </form>
  )
}
