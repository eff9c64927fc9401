import type { InvitationView } from '../../model/index.ts'
import type { Session } from '../../sync/index.ts'
import { t } from '../i18n/index.ts'

/**
 * "A proposal about to close": nothing happens on anyone's phone at that moment, so the device that opened the proposal
 * asks the relay to push a note to the whole room a few hours before it closes (sealed, signed, under this device's
 * secret: only it can replace or cancel it). It follows the proposal while the app is open: a new closing time moves
 * the note, and a close or withdrawal (by any host) cancels it.
 */
const BEFORE = 3 * 3600_000
const KEPT = 'hearth-closing'

/** per room and proposal: the closing time this device's note is scheduled for (0: not yet) */
const load = (): Record<string, number> => {
  try { return JSON.parse(localStorage.getItem(KEPT) ?? '{}') } catch { return {} }
}
const save = (all: Record<string, number>) => localStorage.setItem(KEPT, JSON.stringify(all))
const idAt = (inv: string) => `close-${inv.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 26)}`

/** this device opened a proposal: its note is scheduled as the room next shows it */
export const watchClosing = (roomId: string, inv: string) => save({ ...load(), [`${roomId}/${inv}`]: 0 })

const busy = new Set<string>()

/** schedules, moves or cancels the notes of the proposals this device opened in the room (bridge, on each change) */
export const keepClosing = (s: Session, views: InvitationView[]) => {
  const all = load()
  const prefix = `${s.ref.id}/`
  for (const [key, scheduled] of Object.entries(all)) {
    if (!key.startsWith(prefix) || busy.has(key)) continue
    const inv = key.slice(prefix.length)
    const v = views.find((x) => x.id === inv)
    if (!v && !scheduled) continue
    const closes = v?.kind === 'proposal' && v.status === 'open' && v.closesAt !== undefined && v.closesAt - BEFORE > Date.now() ? v.closesAt : 0
    if (closes === scheduled) continue
    busy.add(key)
    const title = String((v?.content as { title?: string } | undefined)?.title ?? '')
    void s.push().then((p) => closes ? p.schedule(idAt(inv), closes - BEFORE, { body: t('push.closing', { title }), inv }) : p.unschedule(idAt(inv)))
      .catch(() => {})
      // kept even when the relay refused: not asked again on every change of the room
      .finally(() => {
        const now = load()
        if (closes) now[key] = closes
        else delete now[key]
        save(now)
        busy.delete(key)
      })
  }
}
