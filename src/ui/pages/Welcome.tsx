import { createSignal } from 'solid-js'
import { chooseName } from '../bridge.ts'

export const Welcome = () => {
  const [error, setError] = createSignal<string | null>(null)
  let input!: HTMLInputElement
  const submit = (e: Event) => {
    e.preventDefault()
    setError(chooseName(input.value))
  }
  return (
    <main class="page welcome">
      <h1>Welcome to Hearth</h1>
      <p>Invitations for your community, shared phone to phone. No account, no email: just the name people know you by.</p>
      <form onSubmit={submit} novalidate>
        <label for="welcome-name">Your name</label>
        <input id="welcome-name" ref={input} autocomplete="nickname" maxlength="80" aria-invalid={!!error()} aria-describedby="welcome-error" />
        <p id="welcome-error" class="field-error" role="alert">{error()}</p>
        <button type="submit" class="primary">Continue</button>
      </form>
    </main>
  )
}
