import { For, Show, createSignal } from 'solid-js'
import { NEED_LIMITS, type Need } from '../../../model/index.ts'
import { say, t, type Problem } from '../../i18n/index.ts'

// eight characters that name a need for its whole life: claims point at it across edits
const newNeedId = () => btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(6)))).replace(/\+/g, '-').replace(/\//g, '_')

/** The needs of an invitation, in its form: add and remove them; readForm reads them back (need-id, need-what, need-n). */
export const NeedsField = (props: { initial: Need[]; error?: Problem }) => {
  const [rows, setRows] = createSignal<Need[]>(props.initial.map((n) => ({ ...n })))
  const add = () => setRows([...rows(), { id: newNeedId(), what: '', n: 1 }])
  const remove = (id: string) => setRows(rows().filter((r) => r.id !== id))
  return (
    <fieldset class="field needs-field" aria-describedby="f-needs-error">
      <legend>{t('needs.formTitle')}</legend>
      <p class="hint">{t('needs.formHint')}</p>
      <For each={rows()}>{(row, i) => (
        <div class="row wrap need-row">
          <input type="hidden" name="need-id" value={row.id} />
          <label for={`need-what-${row.id}`} class="sr-only">{t('needs.what')} {i() + 1}</label>
          <input id={`need-what-${row.id}`} name="need-what" type="text" maxlength={NEED_LIMITS.what} value={row.what} placeholder={t('needs.what')} />
          <label for={`need-n-${row.id}`} class="muted">{t('needs.how')}</label>
          <input id={`need-n-${row.id}`} name="need-n" type="number" min="1" max={NEED_LIMITS.n} value={row.n} class="narrow" />
          <button type="button" class="small" aria-label={`${t('needs.remove')} ${i() + 1}`} onClick={() => remove(row.id)}>×</button>
        </div>
      )}</For>
      <Show when={rows().length < NEED_LIMITS.needs}>
        <button type="button" onClick={add}>{t('needs.add')}</button>
      </Show>
      <p id="f-needs-error" class="field-error">{say(props.error)}</p>
    </fieldset>
  )
}
