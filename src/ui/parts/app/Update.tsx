import { Show } from 'solid-js'
import { useRegisterSW } from 'virtual:pwa-register/solid'
import { t } from '../../i18n/index.ts'

/** A new version waits until the person chooses to reload: never under their typing. */
export const Update = () => {
  const { needRefresh: [needRefresh, setNeedRefresh], updateServiceWorker } = useRegisterSW({ immediate: true })
  return (
    <Show when={needRefresh()}>
      <div class="update" role="status">
        <span>{t('app.update')}</span>
        <button type="button" class="primary" onClick={() => updateServiceWorker(true)}>{t('app.reload')}</button>
        <button type="button" onClick={() => setNeedRefresh(false)}>{t('app.later')}</button>
      </div>
    </Show>
  )
}
