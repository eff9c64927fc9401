import { For, Show } from 'solid-js'
import { nameOf, removalOn } from '../../bridge/index.ts'
import { t } from '../../i18n/index.ts'
import { Name } from '../people/Name.tsx'

/**
 * Whom a removal removes, and the people whose answers count: named when it was proposed, so a key made afterwards
 * counts for nothing, and a spare key its proposer named is there for everyone to see.
 */
export const RemovalNote = (props: { id: string; target: string }) => {
  const r = () => removalOn(props.id)
  return (
    <div class="banner" role="note">
      <p>{t('removal.target', { name: nameOf(props.target) })}</p>
      <Show when={r()}>{(r) => (
        <>
          <p>{t('removal.counted', { n: r().counted.length, need: Math.floor(r().counted.length / 2) + 1 })}</p>
          <ul class="counted" aria-label={t('removal.countedList')}>
            <For each={[...r().counted].sort((a, b) => nameOf(a).localeCompare(nameOf(b)))}>{(m) => <li><Name id={m} /></li>}</For>
          </ul>
        </>
      )}</Show>
    </div>
  )
}
