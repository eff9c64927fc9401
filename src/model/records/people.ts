import { sha256 } from '../../crypto/index.ts'
import type { MemberId } from '../../identity/index.ts'
import { LIMITS } from './records.ts'

// controls, format characters (bidi overrides, zero-width, soft hyphen), private use, unassigned,
// and the "letters" that render as nothing
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\u115F\u1160\u2800\u3164\uFFA0]/gu
const SPACES = /[\s\p{Z}]+/gu
const PILED_MARKS = /(\p{M}{2})\p{M}+/gu

/**
 * A display name as it may be shown: nothing invisible, no direction tricks, one space between words,
 * at most two accents on a letter, bounded. Runs on every name read, since a hostile peer's record is signed as they like.
 */
export const cleanName = (raw: string): string => {
  const text = raw.normalize('NFC').replace(SPACES, ' ').replace(INVISIBLE, '').replace(/ {2,}/g, ' ').replace(PILED_MARKS, '$1').trim()
  let out = ''
  for (const ch of text) {
    if (out.length + ch.length > LIMITS.name) break
    out += ch
  }
  return out.trim()
}

// direction overrides and isolates, marks, and the invisible characters that aren't joiners (emoji and Persian need those)
const UNSEEN = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200B\u200E\u200F\u202A-\u202E\u2060-\u206F\uFEFF\p{Co}]/gu

/** Longer text as it may be shown (a comment, a room's description): lines kept, nothing invisible or direction-flipping. */
export const cleanText = (raw: string): string => raw.normalize('NFC').replace(UNSEEN, '').replace(PILED_MARKS, '$1').trim()

export const shortId = (member: MemberId) => `guest ${member.slice(0, 6)}`

// Crockford's base32: no i, l, o or u to misread
const BASE32 = '0123456789abcdefghjkmnpqrstvwxyz'

/** Six characters of a hash of the member's key, shown beside names that could be confused. */
export const fingerprint = (member: MemberId): string => {
  const h = sha256(new TextEncoder().encode(`hearth/fingerprint:${member}`))
  let bits = 0
  let acc = 0
  let out = ''
  for (let i = 0; out.length < 6; i++) {
    acc = (acc << 8) | h[i]
    bits += 8
    while (bits >= 5 && out.length < 6) out += BASE32[(acc >> (bits -= 5)) & 31]
  }
  return out
}

// Cyrillic and Greek capitals and small letters that pass for Latin ones, and digits that pass for letters
const UPPER: Record<string, string> = Object.fromEntries([
  ...[...'АВЕЅІЈКМНОРСТУХ'].map((ch, i) => [ch, 'abesljkmhopctyx'[i]]),
  ...[...'ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ'].map((ch, i) => [ch, 'abezhlkmnoptyx'[i]]),
])
const LOWER: Record<string, string> = Object.fromEntries([
  ...[...'аеорсхуѕіјһԁӏԛԝ'].map((ch, i) => [ch, 'aeopcxysljhdlqw'[i]]),
  ...[...'αεικνορτυχω'].map((ch, i) => [ch, 'aelkvoptuxw'[i]]),
  ['0', 'o'], ['1', 'l'], ['i', 'l'], ['|', 'l'],
])
const map = (s: string, table: Record<string, string>) => [...s].map((ch) => table[ch] ?? ch).join('')

/** What a name looks like, roughly: names with one skeleton can be taken for each other. */
export const skeleton = (name: string): string => {
  const folded = map(map(cleanName(name).normalize('NFKC'), UPPER).toLowerCase().normalize('NFD').replace(/\p{M}/gu, ''), LOWER)
  const shape = folded.replace(/rn/g, 'm').replace(/vv/g, 'w').replace(/[\s\p{P}\p{S}]/gu, '')
  return shape || folded
}

/** The members whose names could be taken for another member's name. */
export const lookAlikes = (people: Iterable<{ id: MemberId; name: string }>): Set<MemberId> => {
  const bySkeleton = new Map<string, MemberId[]>()
  const alike = new Set<MemberId>()
  for (const { id, name } of people) {
    const key = skeleton(name)
    const list = bySkeleton.get(key)
    if (list) list.push(id)
    else bySkeleton.set(key, [id])
    if (/^guest\s?[a-z0-9_-]{6}$/i.test(cleanName(name)) && cleanName(name) !== shortId(id)) alike.add(id)
  }
  for (const list of bySkeleton.values()) if (list.length > 1) list.forEach((id) => alike.add(id))
  return alike
}
