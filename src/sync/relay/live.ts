import type { RoomKeys } from '../../crypto/index.ts'
import type { Held } from '../guard/index.ts'
import { openEntryAsync, type Position } from './sealed.ts'

export interface LiveHost {
  keys: RoomKeys
  joined: () => boolean
  /** into the document, through the guard; what it surely added, or null */
  apply: (update: Uint8Array) => Promise<Held | null>
  /** counts an entry as merged at `seq` (the cursor, the relay's vector, the positions) */
  saw: (seq: number, held: Held | null, bytes: number, pos?: Position) => void
  /** `seq` is counted already and its sealed position agrees: a relay that relabels can't hide an entry */
  merged: (seq: number, pos?: Position) => boolean
  /** after an entry came: look for holes */
  came: () => void
  /** after the cursor moved */
  counted: () => void
}

/** What the relay sends while a room is joined: its entries, each applied after the one before. */
export const createLive = (h: LiveHost) => {
  let applying: Promise<unknown> = Promise.resolve()
  const inTurn = (work: () => Promise<void>) => {
    applying = applying.then(work).catch((err) => console.warn('hearth: could not apply an update from the relay', err))
  }

  return {
    update(seq: number, data: Uint8Array) {
      if (!h.joined()) return
      inTurn(async () => {
        const o = await openEntryAsync(h.keys, data)
        if (!o || h.merged(seq, o.pos)) return
        h.saw(seq, await h.apply(o.update), data.length, o.pos)
        h.counted()
        h.came()
      })
    },
  }
}
