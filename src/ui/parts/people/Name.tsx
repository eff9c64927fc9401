import { Show } from 'solid-js'
import { members, nameOf, session } from '../../bridge/index.ts'
import { t } from '../../i18n/index.ts'

// members() changes with every rename: reading it keeps look-alikes current as names change
const lookAlike = (member: string) => (members(), session()?.room.lookAlike(member) ?? false)
const fingerprintOf = (member: string) => session()?.room.fingerprint(member) ?? ''

/** A member's name as plain text, with their key's fingerprint when the name could be taken for another's: "Ana · 3f9KQz". */
export const nameText = (member: string): string =>
  lookAlike(member) ? `${nameOf(member)} · ${fingerprintOf(member)}` : nameOf(member)

/**
 * A member's name; when it looks like another member's, the short fingerprint of their key beside it, so two
 * "Ana"s (or an "Ana" and an "Аna") can be told apart.
 */
export const Name = (props: { id: string }) => (
  <>
    {nameOf(props.id)}
    <Show when={lookAlike(props.id)}>
      {' '}<span class="muted fingerprint">
        <span aria-hidden="true">· {fingerprintOf(props.id)}</span>
        <span class="sr-only">({t('common.fingerprint', { fingerprint: fingerprintOf(props.id) })})</span>
      </span>
    </Show>
  </>
)

/** Said beside a time the model finds implausible (before the invitation existed, or ahead of this device's clock). */
export const TimeLooksWrong = () => <span class="muted time-wrong">{t('common.timeLooksWrong')}</span>
