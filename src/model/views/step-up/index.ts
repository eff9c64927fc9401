// Step up, make space: the needs an invitation asks for and who claimed them, track records, how hosting is spread.
export { claimSeen, needsView, seenRef, type ClaimView, type NeedView } from './needs.ts'
export { MAKE_SPACE_DAYS, makeSpace, type MakeSpace } from './make-space.ts'
export { emptyTrack, trackRecord, type TrackRecord } from './track.ts'
