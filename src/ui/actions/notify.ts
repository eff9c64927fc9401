import { occurrencesOf, type Reply } from '../../model/index.ts'
import { feed, me, session } from '../bridge/index.ts'
import { t } from '../i18n/index.ts'

/**
 * The notes this device writes for others' pushes when a change of its own matters to them, in this person's words,
 * and the reminders it asks the relay for when they say they're going. Never in the way: a push that fails is dropped.
 */
type Why = 'invited' | 'answered' | 'replied' | 'offered'

const REMINDERS = 'hearth-reminders'
export const reminderSettings = (): { day: boolean; hour: boolean } => {
  try {
    return { day: true, hour: true, ...JSON.parse(localStorage.getItem(REMINDERS) ?? '{}') }
  } catch {
    return { day: true, hour: true }
  }
}
export const setReminderSettings = (s: { day: boolean; hour: boolean }) => localStorage.setItem(REMINDERS, JSON.stringify(s))

// from the room, not the feed: the feed shows a change of this device's own a frame later, after its note is written
const viewOf = (id: string) => session()?.room.invitation(id) ?? feed().find((v) => v.id === id)
const titleOf = (id: string) => String((viewOf(id)?.content as { title?: string } | undefined)?.title ?? '')
/** When the event (or the date of a repeating one that was answered) begins, as its host may have moved it. */
const startOf = (id: string, at?: number) => {
  const v = viewOf(id)
  if (v?.kind !== 'event') return null
  if (at !== undefined) return occurrencesOf(v)?.find((o) => o.at === at)?.start ?? null
  const start = (v.content as { start?: number }).start
  return typeof start === 'number' ? start : null
}
/**
 * A reminder's id at the relay: whose (this device), for which invitation and date, and which one. Each member's
 * reminders are their own: one person's yes doesn't replace another's, and a no cancels only theirs.
 */
const reminderId = (inv: string, which: 'd' | 'h', at?: number) =>
  `${(me()?.id ?? '').slice(0, 12)}-${inv.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 28)}${at === undefined ? '' : `-${at.toString(36)}`}-${which}`

const tell = (why: Why, inv: string) => {
  const s = session()
  const title = titleOf(inv)
  if (!s || !title) return
  // who it is from, each phone says from its own list of the room's people, not from the note
  const body = t(`push.${why}`, { title })
  void s.push().then((p) => p.notify({ body, inv })).catch(() => {})
}

const remind = (inv: string, reply: Reply) => {
  const s = session()
  const start = startOf(inv, reply.at)
  if (!s || start === null) return
  const title = titleOf(inv)
  const { day, hour } = reminderSettings()
  void s.push().then(async (p) => {
    for (const [which, before, on, key] of [['d', 24 * 3600_000, day, 'push.dayBefore'], ['h', 3600_000, hour, 'push.hourBefore']] as const) {
      const id = reminderId(inv, which, reply.at)
      if (reply.answer === 'yes' && on) await p.remind(id, start - before, { body: t(key, { title }), inv })
      else await p.cancel(id)
    }
  }).catch(() => {})
}

/** passes a command's result on, and when it succeeded, tells the room (and schedules reminders for a yes) */
export const told = (why: Why, inv?: string, reply?: Reply) => <D extends { ok: true; id: string } | { ok: false }>(done: D): D => {
  if (!done.ok) return done
  const id = inv ?? (done as { id: string }).id
  if (reply) remind(id, reply)
  tell(why, id)
  return done
}
