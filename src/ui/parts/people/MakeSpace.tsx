import { Show } from 'solid-js'
import { makeSpaceNow } from '../../bridge/index.ts'
import { t } from '../../i18n/index.ts'
import { nameText } from './Name.tsx'

const names = (ids: string[]) => ids.map(nameText).join(', ')

/** How hosting is shared lately, said as an invitation to share it more: never a score, never a ranking. */
export const MakeSpace = () => {
  const m = () => makeSpaceNow()
  return (
    <section class="make-space card" aria-labelledby="make-space-title">
      <h2 id="make-space-title">{t('space.title')}</h2>
      <p class="muted">{t('space.intro')}</p>
      <Show when={m()?.invitations} fallback={<p>{t('space.quiet')}</p>}>
        <p>{t('space.hosts', { n: m()!.hosts.length, m: m()!.invitations })}</p>
        <Show when={m()!.firstTime.length}><p>{t('space.firstTime', { names: names(m()!.firstTime) })}</p></Show>
        {m()!.concentrated.map((c) => <p>{t('space.concentrated', { name: nameText(c.member), count: c.count, m: m()!.invitations })}</p>)}
      </Show>
      <Show when={m()?.invite.length}><p>{t('space.invite', { names: names(m()!.invite) })}</p></Show>
    </section>
  )
}
