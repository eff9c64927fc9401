import type * as wire from '../protocol/index.ts'

/** What sync says is wrong: a code, with what the words need. Words are the UI's (src/ui/i18n/errors.ts). */
export type SyncError =
  // a room link
  | { code: 'not-a-link' }
  | { code: 'link-id-damaged' }
  | { code: 'link-no-key' }
  | { code: 'link-key-damaged' }
  | { code: 'link-wrong-key' }
  // a pairing code, and pairing face to face
  | { code: 'not-a-pairing-code' }
  | { code: 'pairing-other-version' }
  | { code: 'answer-no-address' }
  | { code: 'code-no-address' }
  | { code: 'code-damaged' }
  | { code: 'phones-unreachable' }
  | { code: 'offer-not-answer' }
  | { code: 'other-pairing' }
  | { code: 'pairing-done' }
  | { code: 'answer-unusable' }
  | { code: 'answer-not-offer' }
  | { code: 'code-unusable' }
  /** a device's link code was given where a room's pairing code goes, or the other way round */
  | { code: 'pairing-is-link' }
  | { code: 'pairing-not-link' }
  // an address typed in Settings
  | { code: 'signaling-scheme' }
  | { code: 'not-signaling-url' }
  | { code: 'relay-scheme' }
  | { code: 'not-relay-url' }
  /** the relay refused, for the reason its code gives; none when it gave a code this version doesn't know */
  | { code: 'relay-refused'; why?: wire.ErrorCode }
  | { code: 'change-too-large' }
  // notifications (push/)
  | { code: 'push-unavailable' }
  | { code: 'push-denied' }
  // a calendar feed (feed/)
  | { code: 'feed-needs-relay' }
  | { code: 'feed-unreachable' }
  /** the relay refused the feed, for the reason its code gives */
  | { code: 'feed-refused'; why?: wire.FeedCode }

/** A failure that carries its code, for what is rejected rather than returned (a pairing that never connects). */
export class SyncFailure extends Error {
  constructor(readonly error: SyncError) { super(error.code) }
}

// every code the relay may give, so that one from the wire is known before it is trusted as one
const RELAY_CODES: Record<wire.ErrorCode, true> = {
  'bad-message': true, 'bad-topic': true, 'bad-signature': true, 'not-joined': true, 'too-large': true, 'rate-limited': true,
  'room-full': true, 'too-many-topics': true, 'too-many-sockets': true, 'stale-snapshot': true, 'unavailable': true,
  'push-off': true, 'push-full': true,
}

/** A relay's code as read from the wire (an Error frame, a close reason), if it is one. */
export const relayCode = (code: string): wire.ErrorCode | undefined =>
  Object.hasOwn(RELAY_CODES, code) ? (code as wire.ErrorCode) : undefined
