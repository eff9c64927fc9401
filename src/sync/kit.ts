import { fromBase64url, newKitSeed, readKitCode, toBase64url, writeKitCode } from '../crypto/index.ts'
import { parseRoomLink, roomLink, type RoomRef } from './link.ts'

/**
 * A recovery kit as text a person saves or prints: words around one line holding the code, then one room link a
 * line (the rooms as of when it was made, if the person chose to include them). Reading takes back the code, the
 * person it restores and every room link in the text; anything else in it is ignored.
 */
export interface ReadKit { seed: Uint8Array; person: string; rooms: RoomRef[] }

export const kitCode = (seed: Uint8Array, person: string): string | null => {
  const p = fromBase64url(person)
  return p && p.length === 32 ? writeKitCode(seed, p) : null
}

/** A new kit for `person`: its seed (kept only long enough to certify its key) and its code. */
export const newKit = (person: string): { seed: Uint8Array; code: string } | null => {
  const seed = newKitSeed()
  const code = kitCode(seed, person)
  return code ? { seed, code } : null
}

export const kitText = (words: { title: string; warning: string; code: string; rooms: string }, code: string, rooms: RoomRef[], base: string): string =>
  [words.title, '', words.warning, '', `${words.code}`, code, '', ...(rooms.length ? [words.rooms, ...rooms.map((r) => roomLink(r, base))] : []), ''].join('\n')

export const readKit = (text: string): ReadKit | { code: 'kit-code-damaged' } => {
  const lines = text.split(/\r?\n/)
  const rooms: RoomRef[] = []
  let found: ReturnType<typeof readKitCode> = null
  for (const line of lines) {
    if (line.includes('#/r/')) {
      const parsed = parseRoomLink(line)
      if (parsed.ok) rooms.push(parsed.ref)
      continue
    }
    const m = /HK1[-0-9A-Za-z ]*/i.exec(line)
    if (m && !found) found = readKitCode(m[0])
  }
  if (!found) return { code: 'kit-code-damaged' }
  return { seed: found.seed, person: toBase64url(found.person), rooms }
}
