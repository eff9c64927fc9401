import { Show } from 'solid-js'
import type { KnownRoom } from '../../../sync/index.ts'
import { t } from '../../i18n/index.ts'
import { roomPath } from '../../route.ts'

/** A room that moved after a removal: read-only here, with the way to the new one, or closed to this person. */
export const Moved = (props: { room?: KnownRoom }) => (
  <>
    <Show when={props.room?.movedTo}>{(to) => (
      <div class="banner" role="status">
        <p>{t('removal.moved')}</p>
        <a class="button primary" href={roomPath(to())}>{t('removal.openNew')}</a>
      </div>
    )}</Show>
    <Show when={props.room?.closedToMe}>
      <p class="banner error" role="status">{t('removal.closedToMe')}</p>
    </Show>
  </>
)
