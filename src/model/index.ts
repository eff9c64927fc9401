// The model's one door: what src/ui and src/sync use. It runs in Node: no DOM, no Solid.
export {
  ANSWERS, KINDS, LIMITS, MAX_OCCURRENCES, STANCES, canonical, occurrences, wallClock, checkShape, cleanName, commentRef, contentErrors, fingerprint, isChained, lookAlikes, recordKey, skeleton,
  type Answer, type CommentRecord, type Content, type EventContent, type FieldError, type FieldErrors, type HearthRecord, type InviteOp, type InviteRecord, type Kind,
  type MemberRecord, type Occurrence, type Exception, type Repeat, type ProjectContent, type ProposalContent, type ResponseRecord, type RoomRecord, type Stance, type Unsigned,
} from './records/index.ts'
export { QUOTAS, verifiedIds, type Change, type VerifiedIds } from './ledger/index.ts'
export {
  NO_NEWS, occurrenceOf, occurrencesOf, commentTexts, createFeed, hasNews, invitationNews, myPlace, needsAnswer, roomNews, trackRecord,
  type InvitationNews, type News,
  type CommentView, type InvitationView, type Reply as ReplyView, type RoomAbout, type RoomChange, type Status, type Tally, type TrackRecord,
} from './views/index.ts'
export type { ModelError } from './errors.ts'
export { openRoom, shortId, type Member, type Room, type RoomOptions } from './room.ts'
export * as commands from './commands/index.ts'
export type { Result, Reply } from './commands/index.ts'
