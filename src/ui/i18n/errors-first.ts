import type { FirstCode, Of, Words } from './errors.ts'
import { num } from './intl.ts'

const AT_MOST_EN: Record<Of<'at-most', 'what'>, (max: string) => string> = {
  comment: (max) => `A comment is at most ${max} characters.`,
  'room-name': (max) => `A room’s name is at most ${max} characters.`,
  about: (max) => `A description is at most ${max} characters.`,
  outcome: (max) => `The outcome is at most ${max} characters.`,
  note: (max) => `A note is at most ${max} characters.`,
  name: (max) => `A name is at most ${max} characters.`,
}

/** The words of what the first screen can show, in English (the rest in errors.ts, loaded with later.ts). */
export const errorsFirstEn: Pick<Words, FirstCode> = {
  'needs-secure-connection': () => 'Hearth needs a secure connection (https, or localhost) to sign what you write. Open it over https.',
  'no-key-here': (p) => `This browser could not make or load your key: ${p.error}`,
  'not-a-link': () => 'This is not a Hearth room link. A room link looks like …#/r/<room>?k=<key>.',
  'link-id-damaged': () => 'The room id in this link is damaged or cut short. Ask for the link again.',
  'link-no-key': () => 'This link has no room key, so the room cannot be opened. Ask for the whole link.',
  'link-key-damaged': () => 'The room key in this link is damaged or cut short. Ask for the link again.',
  'link-wrong-key': () => 'The key in this link does not belong to its room: part of the link was changed or lost. Ask for the link again.',
  'choose-name': () => 'Please choose a name.',
  'at-most': (p) => AT_MOST_EN[p.what](num(p.max)),
}
