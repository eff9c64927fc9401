import { createSignal } from 'solid-js'
import { chooseName } from '../bridge/index.ts'
import { say, t, type Problem } from '../i18n/index.ts'

export const Welcome = () => {
  const [error, setError] = createSignal<Problem | null>(null)
  let input!: HTMLInputElement
  const submit = (e: Event) => {
    e.preventDefault()
    setError(chooseName(input.value))
  }
  return (
    <main class="page welcome">
      <h1>{t('welcome.title')}</h1>
      <p>{t('welcome.intro')}</p>
      <form onSubmit={submit} novalidate>
        <label for="welcome-name">{t('welcome.name')}</label>
        <input id="welcome-name" ref={input} autocomplete="nickname" maxlength="80" aria-invalid={!!error()} aria-describedby="welcome-error" />
        <p id="welcome-error" class="field-error" role="alert">{say(error())}</p>
        <button type="submit" class="primary">{t('welcome.continue')}</button>
      </form>
    </main>
  )
}
