import { en } from './en.ts'
import { t, type Key } from './index.ts'

/**
 * The model, sync and the bridge say what is wrong in English (`{ ok: false, error }`, a link's or a pairing
 * code's parse error, a field's error). They are not the UI's to change, so their words are looked up here:
 * an exact English message becomes its catalogue key, a message with a number in it is read by a pattern,
 * and anything not known is shown as it came.
 */
type MessageKey = Extract<Key, `messages.${string}`>

// the plain messages, English text → key, made from the English catalogue itself so the two can't drift apart
const EXACT = new Map<string, MessageKey>()
for (const [k, v] of Object.entries(en.messages)) if (typeof v === 'string' && !v.includes('{{')) EXACT.set(v, `messages.${k}` as MessageKey)

// "1,000" as the model writes it (toLocaleString('en')) → 1000
const n = (s: string) => Number(s.replace(/,/g, ''))

const PATTERNS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^Invitation ([\d,]+) needs another look\.$/, (m) => t('messages.invitationNeedsLook', { n: n(m[1]) })],
  [/^The outcome is at most ([\d,]+) characters\.$/, (m) => t('messages.outcomeTooLong', { max: n(m[1]) })],
  [/^A note is at most ([\d,]+) characters\.$/, (m) => t('messages.noteTooLong', { max: n(m[1]) })],
  [/^You can bring up to ([\d,]+) guests\.$/, (m) => t('messages.guestsUpTo', { n: n(m[1]) })],
  [/^A name is at most ([\d,]+) characters\.$/, (m) => t('messages.nameTooLong', { max: n(m[1]) })],
  [/^At most ([\d,]+) characters \(now ([\d,]+)\)\.$/, (m) => t('messages.textAtMost', { max: n(m[1]), now: n(m[2]) })],
  [/^Up to ([\d,]+) skills or roles\.$/, (m) => t('messages.skillsUpTo', { n: n(m[1]) })],
  [/^Each skill or role is 1 to ([\d,]+) characters\.$/, (m) => t('messages.skillLength', { max: n(m[1]) })],
  [/^A comment is at most ([\d,]+) characters\.$/, (m) => t('messages.commentTooLong', { max: n(m[1]) })],
  [/^A room’s name is at most ([\d,]+) characters\.$/, (m) => t('messages.roomNameTooLong', { max: n(m[1]) })],
  [/^A description is at most ([\d,]+) characters\.$/, (m) => t('messages.aboutTooLong', { max: n(m[1]) })],
  [/^This browser could not make or load your key: ([\s\S]*)$/, (m) => t('messages.noKeyHere', { error: m[1] })],
]

/** A message from the model, sync or the bridge in the chosen language; one not known here as it came. Reactive. */
export const msg = <T extends string | null | undefined>(english: T): T | string => {
  if (!english) return english
  const key = EXACT.get(english)
  if (key) return t(key)
  for (const [re, say] of PATTERNS) {
    const m = re.exec(english)
    if (m) return say(m)
  }
  return english
}

/** Every English message this file knows, for the tests. */
export const knownMessages = () => [...EXACT.keys()]
