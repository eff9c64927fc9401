import { Show } from 'solid-js'
import { useRegisterSW } from 'virtual:pwa-register/solid'

/** A new version waits until the person chooses to reload: never under their typing. */
export const Update = () => {
  const { needRefresh: [needRefresh, setNeedRefresh], updateServiceWorker } = useRegisterSW({ immediate: true })
  return (
    <Show when={needRefresh()}>
      <div class="update" role="status">
        <span>A new version of Hearth is ready.</span>
        <button type="button" class="primary" onClick={() => updateServiceWorker(true)}>Reload to update</button>
        <button type="button" onClick={() => setNeedRefresh(false)}>Later</button>
      </div>
    </Show>
  )
}
