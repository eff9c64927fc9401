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
  | { code: 'needs-up-to'; n: number }
  | { code: 'need-length'; max: number }
  | { code: 'need-count'; max: number }
  | { code: 'repeat-how' }
  | { code: 'repeat-until' }
  | { code: 'repeat-times'; max: number }
  | { code: 'repeat-until-date' }
  | { code: 'occurrence-changes' }
