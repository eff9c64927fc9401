import type { QuotaName } from './ledger/index.ts'
import type { InviteOp } from './records/index.ts'

/**
 * What the model says is wrong: a code, with what the words need. Words are the UI's (src/ui/i18n/errors.ts),
 * so rewording never changes what a caller or a test can rely on.
 */
export type ModelError =
  | { code: 'fields-need-look' }
  /** `n` counts from 1, as a person counts the invitations they gave */
  | { code: 'invitation-needs-look'; n: number }
  /** the room would not count this change to the invitation from this member */
  | { code: 'refused'; op: InviteOp['op'] }
  | { code: 'not-here' }
  /** a device can revoke only another current device of its own person */
  | { code: 'not-your-device' }
  | { code: 'kit-revoked-by-kit' }
  /** the host cancelled this date of a repeating event */
  | { code: 'date-cancelled' }
  | { code: 'not-a-member-key' }
  | { code: 'write-something' }
  | { code: 'at-most'; what: 'comment' | 'room-name' | 'about' | 'outcome' | 'note' | 'name'; max: number }
  | { code: 'answering-gone' }
  | { code: 'comment-gone' }
  | { code: 'only-author' }
  | { code: 'withdrawn' }
  | { code: 'name-the-room' }
  /** this member's own phone won't sign past a room's limits (see quota.ts) */
  | { code: 'quota-reached'; quota: QuotaName }
  | { code: 'out-of-bounds' }
  | { code: 'write-outcome' }
  | { code: 'choose-stance' }
  | { code: 'choose-answer' }
  | { code: 'give-reason' }
  | { code: 'guests-up-to'; n: number }
  | { code: 'no-plus-ones' }
  | { code: 'choose-name' }
  /** removal (views/removal.ts): to go, a member leaves; a moved room takes nothing new; a re-key needs a passed removal */
  | { code: 'leave-instead' }
  | { code: 'room-moved' }
  | { code: 'no-removal-passed' }
  | { code: 'removed-here' }
  | { code: 'not-counted-here' }
  | { code: 'rekey-waits-for-keys' }
  | { code: 'need-gone' }
  | { code: 'need-filled' }
  | { code: 'claimed-already' }
  | { code: 'not-claimed' }
  | { code: 'invitation-cancelled' }
  | { code: 'give-why' }
  | { code: 'no-understudy' }
