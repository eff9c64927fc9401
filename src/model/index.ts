export {
  ANSWERS, KINDS, LIMITS, STANCES, canonical, checkShape, commentRef, isChained, recordKey,
  type Answer, type CommentRecord, type Content, type EventContent, type HearthRecord, type InviteOp, type InviteRecord, type Kind,
  type MemberRecord, type ProjectContent, type ProposalContent, type ResponseRecord, type RoomRecord, type Stance, type Unsigned,
} from './records/index.ts'
export { contentErrors, type FieldErrors } from './records/index.ts'
export { openRoom, shortId, type Member, type Room, type RoomOptions } from './room.ts'
export { cleanName, fingerprint, lookAlikes, skeleton } from './records/index.ts'
export type { Change } from './ledger/index.ts'
export { verifiedIds, type VerifiedIds } from './ledger/index.ts'
export { myPlace, needsAnswer, type InvitationView, type Reply as ReplyView, type Status, type Tally } from './views.ts'
export { trackRecord, type TrackRecord } from './track.ts'
export * as commands from './commands.ts'
export type { Result, Reply } from './commands.ts'
export { createFeed } from './feed.ts'
export type { CommentView } from './discussion.ts'
export { commentTexts } from './discussion.ts'
export type { RoomAbout, RoomChange } from './about.ts'
export { QUOTAS } from './ledger/index.ts'
