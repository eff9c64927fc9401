import type { FieldError, ModelError } from '../../model/index.ts'
import type { SyncError } from '../../sync/index.ts'
import { en, type Catalogue } from './en.ts'
import { gatherEn } from './en/gather.ts'
import { hostingEn } from './en/hosting.ts'
import { num } from './intl.ts'

type Unit = 'people' | 'places' | 'guests' | 'times'

/** What the UI itself finds wrong: with the bridge, a form, a pairing. */
export type UiError =
  | { code: 'no-room-open' }
  | { code: 'room-not-here' }
  | { code: 'starting-up' }
  | { code: 'link-needs-relay' }
  | { code: 'link-code-damaged' }
  | { code: 'link-code-failed' }
  | { code: 'kit-code-damaged' }
  | { code: 'kit-other-person' }
  | { code: 'needs-secure-connection' }
  | { code: 'no-key-here'; error: string }
  | { code: 'open-room-first' }
  | { code: 'start-pairing-first' }
  | { code: 'pair-not-proven' }
  | { code: 'pair-closed' }
  /** something no code names (a browser's own error): said as it came */
  | { code: 'unexpected'; detail: string }
  | { code: 'count-not-whole'; unit: Unit; example: number }
  | { code: 'count-below'; min: number }
  | { code: 'count-above'; max: number; unit: Unit }
  | { code: 'time-past' }
  | { code: 'zone-unknown' }
  | { code: 'review-ahead' }
  | { code: 'choose-cohost' }
  | { code: 'choose-hand-over' }
  | { code: 'tick-who-came' }

/** Everything that can be wrong, as the model, sync and the UI say it: a code with what its words need. */
export type Problem = ModelError | FieldError | SyncError | UiError

/** Words for every code, in one language. A code without words here is a type error, in every language. */
export type Words = { [C in Problem['code']]: (p: Extract<Problem, { code: C }>) => string }

/** The values one parameter of a code takes (`Of<'refused', 'op'>`), for a table with words for each. */
export type Of<C extends Problem['code'], K extends keyof Extract<Problem, { code: C }>> = Extract<Problem, { code: C }>[K] & string

const REFUSED_EN: Record<Of<'refused', 'op'>, string> = {
  create: 'This invitation exists already.',
  edit: 'Only a host can change this invitation.',
  cancel: 'Only a host can cancel this invitation.',
  cohost: 'Only a host can invite a co-host, and that person is not a host yet.',
  accept: 'There is no co-host invitation for you to accept.',
  decline: 'There is no co-host invitation for you to decline.',
  stepdown: 'You are the last host: hand over to someone, or make yourself at home, before you step down.',
  home: 'Only a host can make everyone at home.',
  close: 'Only a host can close this and record the outcome.',
  attended: 'Only a host can record who came, once the event has begun, and not for themselves.',
  hide: 'Only a host can hide a comment.',
  unhide: 'Only a host can show a hidden comment again.',
  release: 'Only a host can release someone’s claim.',
  understudy: 'Only a host can ask for an understudy, and not someone who hosts already.',
  until: 'Only a host can give their role an end date.',
}

const QUOTA_EN: Record<Of<'quota-reached', 'quota'>, string> = {
  records: 'You have reached the most one person can add to this room.',
  bytes: 'You have reached the most one person can add to this room.',
  inv: 'You have reached the most invitations and changes one person can make in this room.',
  res: 'You have changed your answer to this invitation as many times as a room allows.',
  resDates: 'You have answered the dates of this invitation as many times as a room allows.',
  com: 'You have written as many comments and edits on this invitation as a room allows.',
  mem: 'You have changed your name in this room as many times as it allows.',
  room: 'You have renamed this room as many times as it allows.',
  dev: 'You have linked and revoked as many devices in this room as it allows.',
  rekey: 'You have moved this room to a new one as many times as it allows.',
  clm: 'You have stepped up and handed back on this invitation as many times as a room allows.',
}

// the relay's own codes; its words on the wire are for its logs, in English whatever the person reads
const RELAY_EN: Record<Of<'relay-refused', 'why'>, string> = {
  'bad-message': 'It could not read what this phone sent.',
  'bad-topic': 'That is not a relay topic.',
  'bad-signature': 'The signature does not prove the room key for this connection.',
  'not-joined': 'This connection has not joined the room.',
  'too-large': 'That is larger than the relay takes.',
  'rate-limited': 'Too much from here just now; try again later.',
  'room-full': 'The relay has no space left for this room just now.',
  'too-many-topics': 'This connection has joined as many rooms as the relay allows.',
  'too-many-sockets': 'Too many connections from this address.',
  'stale-snapshot': 'The relay has a newer snapshot.',
  'unavailable': 'The relay could not reach its storage just now; try again.',
  'push-off': 'This relay does not send notifications.',
  'push-full': 'The relay keeps no more notifications for this room just now.',
}

const FEED_EN: Record<Of<'feed-refused', 'why'>, string> = {
  'bad-feed-id': 'The relay does not take this feed’s link.',
  'no-token': 'The relay wants this feed’s key, and none was sent.',
  'wrong-token': 'This feed was made by another device, or its key is lost. Stop publishing and publish a new one.',
  'feed-not-found': 'The relay has no such feed.',
  'feed-revoked': 'This feed was stopped for good. Publish a new one.',
  'too-large': 'Your calendar is larger than the relay takes.',
  'not-calendar': 'The relay takes only calendars.',
  'rate-limited': 'Too much from here just now; try again later.',
  'too-many-feeds': 'This address has made as many feeds today as the relay allows; try again tomorrow.',
  'feed-full': 'The relay has no space for more calendars just now.',
  'bad-method': 'The relay did not understand the request.',
  'unavailable': 'The relay could not reach its storage just now; try again.',
}

/** The words some codes borrow from the catalogue's own forms and parts, the same way in every language. */
export const borrowed = (c: Pick<Catalogue, 'pair' | 'form' | 'consent' | 'host'>): Pick<Words, Borrowed> => ({
  'open-room-first': () => c.pair.openFirst,
  'start-pairing-first': () => c.pair.startFirst,
  'pair-not-proven': () => c.pair.notProven,
  'pair-closed': () => c.pair.closed,
  unexpected: (p) => p.detail,
  'count-not-whole': (p) => c.form.wholeNumber(p),
  'count-below': (p) => c.form.atLeast(p),
  'count-above': (p) => c.form.atMost(p),
  'time-past': () => c.form.past,
  'zone-unknown': () => c.form.unknownZone,
  'review-ahead': () => c.consent.reviewAhead,
  'choose-cohost': () => c.host.chooseCohost,
  'choose-hand-over': () => c.host.chooseHandOver,
  'tick-who-came': () => c.host.tickCame,
})

type Borrowed = 'open-room-first' | 'start-pairing-first' | 'pair-not-proven' | 'pair-closed' | 'unexpected' | 'count-not-whole' | 'count-below' | 'count-above' | 'time-past'
  | 'zone-unknown' | 'review-ahead' | 'choose-cohost' | 'choose-hand-over' | 'tick-who-came'

/** The codes the first screen can show (starting up, a room link, a name): their words are in errors-first.ts. */
export type FirstCode = 'needs-secure-connection' | 'no-key-here' | 'not-a-link' | 'link-id-damaged' | 'link-no-key' | 'link-key-damaged'
  | 'link-wrong-key' | 'choose-name' | 'at-most'

/** The words of every other code, in English: they load with the screens that can show them (later.ts). */
export const errorsEn: Omit<Words, FirstCode> = {
  ...borrowed({ ...en, ...gatherEn, ...hostingEn }),
  'fields-need-look': () => 'Some fields need another look.',
  'invitation-needs-look': (p) => `Invitation ${num(p.n)} needs another look.`,
  refused: (p) => REFUSED_EN[p.op],
  'not-your-device': () => 'You can only revoke another of your own devices that is still linked.',
  'kit-revoked-by-kit': () => 'A recovery kit can only be revoked with a kit made from it. Your devices can’t revoke it, so a stolen one can’t either.',
  'not-here': () => 'This invitation is not here (yet).',
  'date-cancelled': () => 'The host cancelled this date. Pick another one.',
  'not-a-member-key': () => 'That is not a member’s key.',
  'write-something': () => 'Please write something first.',
  'answering-gone': () => 'The comment you are answering is not here.',
  'comment-gone': () => 'This comment is not here.',
  'only-author': () => 'Only its author can change a comment.',
  'leave-instead': () => 'To go, leave the room yourself; a removal is for someone else.',
  'room-moved': () => 'This room has moved to a new one; nothing new can be added here.',
  'no-removal-passed': () => 'No removal has passed in this room.',
  'removed-here': () => 'You were removed from this room, so you can’t move it.',
  'not-counted-here': () => 'This removal doesn’t count you (you joined after it was proposed), so you can’t move the room.',
  'rekey-waits-for-keys': () => 'Waiting for every member’s lockbox key to arrive before moving the room.',
  withdrawn: () => 'This comment was withdrawn.',
  'name-the-room': () => 'Please give the room a name.',
  'quota-reached': (p) => QUOTA_EN[p.quota],
  'out-of-bounds': () => 'This can’t be saved: it is outside what a room holds (too many changes, or too large).',
  'write-outcome': () => 'Please write the outcome, so everyone knows what was decided.',
  'choose-stance': () => 'Choose agree, abstain, object or block.',
  'choose-answer': () => 'Choose yes, maybe or no.',
  'give-reason': () => 'Please give your reason: the group needs it to work with your concern.',
  'guests-up-to': (p) => `You can bring up to ${num(p.n)} guests.`,
  'no-plus-ones': () => 'This invitation has no plus-ones.',
  needed: () => 'Needed.',
  'too-long': () => 'Too long.',
  'reason-needed': () => 'A reason is needed.',
  'not-allowed': () => 'Not allowed.',
  'must-be-text': () => 'Must be text.',
  'fill-in': () => 'Please fill this in.',
  'text-at-most': (p) => `At most ${num(p.max)} characters (now ${num(p.now)}).`,
  'not-an-invitation': () => 'Not an invitation.',
  'unknown-field': () => 'Unknown field.',
  'skills-up-to': (p) => `Up to ${num(p.n)} skills or roles.`,
  'skill-length': (p) => `Each skill or role is 1 to ${num(p.max)} characters.`,
  'needs-up-to': (p) => `Up to ${num(p.n)} needs.`,
  'need-length': (p) => `Say what each need is, in at most ${num(p.max)} characters.`,
  'need-count': (p) => `Each need asks for 1 to ${num(p.max)} people.`,
  'need-gone': () => 'This need isn’t asked for any more.',
  'need-filled': () => 'Enough people have stepped up for this already.',
  'claimed-already': () => 'You have stepped up for this already.',
  'not-claimed': () => 'You haven’t stepped up for this.',
  'invitation-cancelled': () => 'This invitation was cancelled.',
  'give-why': () => 'Say why you release this claim.',
  'no-understudy': () => 'Ask someone to be your understudy first.',
  'threshold-number': () => 'A whole number of people, at least 1.',
  'give-start': () => 'Please give a start date and time.',
  'give-end': () => 'Please give an end date and time.',
  'end-before-start': () => 'The end is before the start.',
  'bad-zone': () => 'Unknown time zone.',
  'online-or-not': () => 'Online or not.',
  where: () => 'Where is it? Give a place, or mark it online.',
  'capacity-number': () => 'A whole number of places, at least 1.',
  'plus-ones-range': (p) => `From 0 to ${num(p.max)} guests each.`,
  'give-closing': () => 'Please give a closing date and time.',
  'repeat-how': () => 'Choose how often it repeats: every week or every month.',
  'repeat-until': () => 'Say how many times it happens, or until when.',
  'repeat-times': (p) => `From 2 to ${num(p.max)} times.`,
  'repeat-until-date': () => 'The last date must come after the first, within five years.',
  'occurrence-changes': () => 'A change to one date doesn’t fit this series.',
  'not-a-pairing-code': () => 'This is not a Hearth pairing code, or it was cut short. Scan or copy it again.',
  'pairing-other-version': () => 'This pairing code comes from another version of Hearth. Update both phones.',
  'answer-no-address': () => 'This answer has no address this phone can reach. Are both phones on the same Wi-Fi or hotspot? Try again.',
  'code-no-address': () => 'This pairing code has no address this phone can reach. Are both phones on the same Wi-Fi or hotspot? Make a new code.',
  'code-damaged': () => 'This pairing code is damaged. Scan or copy it again.',
  'phones-unreachable': () => 'The phones could not reach each other. Are both on the same Wi-Fi or hotspot? Try again with a new code.',
  'offer-not-answer': () => 'That is an offer, not an answer. Ask the other phone to scan your code first, then scan the code it shows.',
  'other-pairing': () => 'This answer belongs to another pairing code (an old one?). Ask them to scan your current code.',
  'pairing-done': () => 'This pairing is already done. Start a new one to pair another phone.',
  'answer-unusable': () => 'This answer could not be used. Start a new pairing and try again.',
  'answer-not-offer': () => 'That is an answer. Scan the code on the phone that started the pairing.',
  'code-unusable': () => 'This pairing code could not be used. Ask for a new one.',
  'pairing-is-link': () => 'This code links one of your devices, not a room. On your other device, open Settings, then Your devices, and use it there.',
  'pairing-not-link': () => 'This code pairs a room, not a device. Open Share, then Pair in person, in that room instead.',
  'signaling-scheme': () => 'A signaling server address starts with wss:// (or ws://).',
  'not-signaling-url': () => 'That is not a web address. It looks like wss://example.org/signal.',
  'relay-scheme': () => 'A relay address starts with wss:// (or ws://).',
  'not-relay-url': () => 'That is not a web address. It looks like wss://example.org/relay.',
  'relay-refused': (p) => (p.why ? RELAY_EN[p.why] : 'The relay refused this connection.'),
  'change-too-large': () => 'One change is too large for the relay; it stays on this phone and reaches others directly.',
  'push-unavailable': () => 'This browser could not subscribe to pushes, so notifications show only while Hearth is open.',
  'push-denied': () => 'Notifications are blocked for Hearth in this browser; allow them in its site settings.',
  'feed-needs-relay': () => 'A calendar feed is kept by a relay: choose one above first.',
  'feed-unreachable': () => 'The relay could not be reached. Your calendar is sent when it can be.',
  'feed-refused': (p) => (p.why ? FEED_EN[p.why] : 'The relay refused the calendar feed.'),
  'no-room-open': () => 'No room is open.',
  'room-not-here': () => 'This room is not on this device. Open it with the link someone shared with you.',
  'starting-up': () => 'Still starting up.',
  'link-needs-relay': () => 'Linking a device goes through a relay: choose one in Settings first.',
  'link-code-damaged': () => 'That is not a whole link code. Copy it again from your other device.',
  'kit-code-damaged': () => 'That is not a whole recovery code: a letter is missing or wrong. Copy the code line from your kit again, exactly.',
  'kit-other-person': () => 'This device already belongs to someone else. Recover on a fresh device (or a new browser profile).',
  'link-code-failed': () => 'The link did not work: the code expired, was used already, or your other device is offline. Make a new code there.',
}
