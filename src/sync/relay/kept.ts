import * as Y from 'yjs'
import type { RoomKeys } from '../../crypto/index.ts'
import type { Op, RelayMessage } from '../../protocol/index.ts'
import { applySliced, writeAgainFrom } from '../guard/index.ts'
import { MAX_PARTS } from './mend.ts'
import { openEntryAsync, openSnapshotAsync } from './sealed.ts'

type State = Extract<RelayMessage, { op: Op.State }>

const into = async (doc: Y.Doc, update: Uint8Array) => {
  try { await applySliced(doc, update, 'kept', 'the relay') } catch { /* a damaged one is skipped */ }
}

/**
 * A newcomer's read of the relay's kept history (the snapshot the current one replaced and the log after it, see
 * Op.History), behind its first view. A snapshot's cover is its maker's word, so a member's snapshot may leave records
 * out, or hold them deleted (then the newcomer holds their clocks, and no diff brings them). The kept history is read
 * into a copy of its own: what it holds that this document never had is merged through the guard, and records it holds
 * live that this document holds deleted are written again here, each still signed by its author (writeAgainFrom).
 */
export const readKept = async (doc: Y.Doc, keys: RoomKeys, history: (since: number) => Promise<State>,
  apply: (update: Uint8Array) => Promise<unknown>): Promise<void> => {
  const kept = new Y.Doc()
  for (let from = 0, part = 0; part < MAX_PARTS; part++) {
    const s = await history(from)
    const snap = s.snapshot && await openSnapshotAsync(keys, s.snapshot.data)
    if (snap) await into(kept, snap.update)
    for (const u of s.updates) {
      const o = await openEntryAsync(keys, u.data)
      if (o) await into(kept, o.update)
    }
    const end = s.updates.at(-1)?.seq ?? s.snapshot?.seq ?? from
    if (!s.more || end <= from) break
    from = end
  }
  await apply(Y.encodeStateAsUpdate(kept, Y.encodeStateVector(doc)))
  writeAgainFrom(doc, kept)
  kept.destroy()
}
