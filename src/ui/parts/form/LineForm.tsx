import { Show } from 'solid-js'
import { say, type Problem } from '../../i18n/index.ts'

/**
 * A form of one line: a field named for a screen reader, its button, and what is wrong with it beside it.
 * `submit` gets the field; it clears the field itself when it should.
 */
export const LineForm = (props: {
  id: string; label: string; button: string; submit: (input: HTMLInputElement) => void
  placeholder?: string; value?: string; maxlength?: number; primary?: boolean; error?: Problem | null
}) => {
  let input!: HTMLInputElement
  const errorId = `${props.id}-error`
  return (
    <>
      <form onSubmit={(e) => { e.preventDefault(); props.submit(input) }} class="row" novalidate>
        <label for={props.id} class="sr-only">{props.label}</label>
        <input id={props.id} ref={input} placeholder={props.placeholder} value={props.value ?? ''} maxlength={props.maxlength}
          aria-invalid={props.error ? true : undefined} aria-describedby={props.error === undefined ? undefined : errorId} />
        <button type="submit" classList={{ primary: !!props.primary }}>{props.button}</button>
      </form>
      <Show when={props.error !== undefined}><p id={errorId} class="field-error" role="alert">{say(props.error)}</p></Show>
    </>
  )
}
