// The fold and what members see: an invitation's state and view, its answers and yes queue, its discussion, the room's name, the feed, a member's track record.
export { aboutOf, type RoomAbout, type RoomChange } from './about.ts'
export { bySigning, commentTexts, discussionOf, type CommentView } from './discussion.ts'
export { createFeed, newestFirst, type FeedSource } from './feed.ts'
export { foldInvite, type InviteState } from './fold.ts'
export { countedStances, myPlace, needsAnswer, viewInvitation, type InvitationView, type Reply, type Status, type Tally } from './invitation.ts'
export { queueHeads } from './queue.ts'
export { latestReplies } from './replies.ts'
export { trackRecord, type TrackRecord } from './track.ts'
