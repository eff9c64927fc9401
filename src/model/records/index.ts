// What a signed record is, whether one is well-formed, and the small facts read off a record (its ref, its shown time, its author's name).
export * from './records.ts'
export { contestedIn, hashOf, headOf, refOf } from './chain.ts'
export { contentErrors, type FieldErrors } from './content.ts'
export { inviteId, newNonce } from './ids.ts'
export { cleanName, cleanText, fingerprint, lookAlikes, shortId, skeleton } from './people.ts'
export { checkShape } from './shape.ts'
export { plausible, shown, shownCreation } from './time.ts'
export type { FieldError } from './errors.ts'
