import type { QuotaName } from './quota.ts'
import type { InviteOp } from './records.ts'

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

/** What is wrong with one field: what a form shows beside it. */
export type FieldError =
  | { code: 'needed' }
  | { code: 'too-long' }
  | { code: 'reason-needed' }
  | { code: 'not-allowed' }
  | { code: 'choose-name' }
  | { code: 'must-be-text' }
  | { code: 'fill-in' }
  | { code: 'text-at-most'; max: number; now: number }
  | { code: 'not-an-invitation' }
  | { code: 'unknown-field' }
  | { code: 'skills-up-to'; n: number }
  | { code: 'skill-length'; max: number }
  | { code: 'threshold-number' }
  | { code: 'give-start' }
  | { code: 'give-end' }
  | { code: 'end-before-start' }
  | { code: 'bad-zone' }
  | { code: 'online-or-not' }
  | { code: 'where' }
  | { code: 'capacity-number' }
  | { code: 'plus-ones-range'; max: number }
  | { code: 'give-closing' }
