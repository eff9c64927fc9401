// The model's one door: what src/ui and src/sync use. It runs in Node: no DOM, no Solid.
export {
  ANSWERS, KINDS, LIMITS, MAX_OCCURRENCES, NEED_LIMITS, needsOf, STANCES, canonical, checkShape, cleanName, commentRef, contentErrors, fingerprint, isChained, lookAlikes, occurrences, recordKey, skeleton, wallClock,
  type Answer, type ClaimRecord, type Need, type CommentRecord, type Content, type EventContent, type FieldError, type FieldErrors, type HearthRecord, type InviteOp, type InviteRecord, type Kind,
  type DeviceAdd, type DeviceRecord, type MemberRecord, type RekeyRecord, type Occurrence, type Exception, type Repeat, type ProjectContent, type ProposalContent, type ResponseRecord, type RoomRecord, type Stance, type Unsigned,
} from './records/index.ts'
export { QUOTAS, prewarmSift, verifiedIds, type Change, type VerifiedIds } from './ledger/index.ts'
export { movedTo, pendingRemovals, removalOf, removals, type Removal } from './views/index.ts'
export {
  NO_NEWS, commentTexts, createFeed, emptyTrack, hasNews, invitationNews, makeSpace, myPlace, needsAnswer, occurrenceOf, occurrencesOf, roomNews, trackRecord,
  type ClaimView, type CommentView, type InvitationNews, type InvitationView, type MakeSpace, type NeedView, type News, type Reply as ReplyView, type RoomAbout, type RoomChange, type Status, type Tally, type TrackRecord,
} from './views/index.ts'
export type { ModelError } from './errors.ts'
export { openRoom, shortId, type Member, type Room, type RoomOptions } from './room.ts'
export * as commands from './commands/index.ts'
export type { Result, Reply } from './commands/index.ts'
