import { open, seal, type RoomKeys } from '../../crypto/index.ts'

export const PRESENCE_MS = 25_000
// a member who floods presence with made-up ids can't make this phone keep an endless list
const MAX_HERE = 200

/** Who the relay says is in a room right now: sealed "here" and "bye" notes, never stored by the relay. */
export const createPresence = (keys: RoomKeys, me: () => { member: string; name: string }, say: (data: Uint8Array) => void) => {
  const here = new Map<string, { name: string; until: number }>()
  let lastAnswer = 0
  const announce = (bye = false) =>
    say(seal(keys, 'presence', new TextEncoder().encode(JSON.stringify({ m: me().member, n: me().name, bye }))))
  return {
    announce,
    clear: () => here.clear(),
    list() {
      const now = Date.now()
      for (const [m, p] of here) if (p.until < now) here.delete(m)
      return [...here].map(([member, p]) => ({ member, name: p.name }))
    },
    /** true when the list changed or may have */
    heard(data: Uint8Array): boolean {
      const plain = open(keys, 'presence', data)
      if (!plain) return false
      try {
        const p = JSON.parse(new TextDecoder().decode(plain)) as { m?: unknown; n?: unknown; bye?: unknown }
        if (typeof p.m !== 'string' || p.m === me().member) return false
        const wasHere = here.has(p.m)
        if (p.bye) here.delete(p.m)
        else if (here.size < MAX_HERE || wasHere) here.set(p.m, { name: typeof p.n === 'string' ? p.n.slice(0, 80) : '', until: Date.now() + PRESENCE_MS * 2.5 })
        // answer a newcomer so they see us too, but at most every few seconds, however many names arrive
        if (!wasHere && !p.bye && Date.now() - lastAnswer > 3000) { lastAnswer = Date.now(); announce() }
        return true
      } catch {
        return false
      }
    },
  }
}
