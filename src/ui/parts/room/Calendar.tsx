import { Show, createSignal } from 'solid-js'
import { occurrencesOf, type EventContent, type InvitationView } from '../../../model/index.ts'
import { feed, rooms } from '../../bridge/index.ts'
import { you } from '../../actions/devices.ts'
import { download, fileNameOf } from '../../calendar/download.ts'
import { t } from '../../i18n/index.ts'
import { calendarIcs } from '../../calendar/ics.ts'

// a repeating event is upcoming while any of its dates is
const lastEnd = (v: InvitationView) => occurrencesOf(v)?.at(-1)?.end ?? (v.content as EventContent).end

export const upcoming = (views: InvitationView[], now: number) =>
  views.filter((v) => v.kind === 'event' && !v.cancelled && lastEnd(v) > now)
    .sort((a, b) => (a.content as EventContent).start - (b.content as EventContent).start)

// going, or hosting: the events this person will be at
export const mine = (v: InvitationView, id: string) => v.hosts.includes(id) || v.going.some((r) => r.member === id)

/** A room's calendar as .ics files: every upcoming event, or those this person is going to. */
export const RoomCalendar = (props: { roomId: string }) => {
  const [note, setNote] = createSignal('')
  const save = (which: 'upcoming' | 'going') => {
    const id = you() ?? ''
    const events = upcoming(feed(), Date.now()).filter((v) => which === 'upcoming' || mine(v, id))
    if (!events.length) {
      setNote(t(which === 'upcoming' ? 'calendar.none' : 'calendar.noneGoing'))
      return
    }
    setNote('')
    const room = rooms().find((r) => r.id === props.roomId)?.name ?? t('app.name')
    const name = which === 'upcoming' ? room : `${room} · ${t('calendar.goingName')}`
    download(fileNameOf(name, 'calendar', 'ics'),
      calendarIcs(events.map((v) => ({ id: v.id, content: v.content as EventContent, version: v.version })), name, Date.now(), t('card.online')))
  }
  return (
    <section class="calendar" aria-labelledby="calendar-title">
      <h2 id="calendar-title" class="section-head">{t('calendar.title')}</h2>
      <div class="row wrap actions">
        <button type="button" onClick={() => save('upcoming')}>{t('calendar.upcoming')}</button>
        <button type="button" onClick={() => save('going')}>{t('calendar.going')}</button>
      </div>
      <Show when={note()}><p class="muted" role="status">{note()}</p></Show>
    </section>
  )
}
