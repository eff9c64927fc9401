import { Show } from 'solid-js'
import { myPlace, needsAnswer, needsOf, type EventContent, type InvitationView, type ProjectContent } from '../../../model/index.ts'
import { newsOn } from '../../bridge/index.ts'
import { you } from '../../actions/devices.ts'
import { ago, answerLabel, kindLabel, shortWhen } from '../../format.ts'
import { t } from '../../i18n/index.ts'
import { invitationPath } from '../../route.ts'
import { CardNews } from '../room/News.tsx'

/** When and where: what a person decides by. */
const facts = (v: InvitationView): string => {
  if (v.kind === 'event') {
    const ev = v.content as EventContent
    // a repeating event shows the date it is at next, as its host may have moved it
    const start = v.occurrence?.start ?? ev.start
    const place = v.occurrence?.place ?? ev.place
    const repeats = ev.repeat ? ` · ${t(ev.repeat.every === 'week' ? 'repeat.week' : 'repeat.month')}` : ''
    return `${shortWhen(start, ev.tz)}${repeats} · ${ev.online ? (place ? t('card.onlineAt', { place }) : t('card.online')) : place}`
  }
  if (v.kind === 'proposal') return v.status === 'open' ? t('card.closes', { when: ago(v.closesAt!) }) : t('card.closed', { when: shortWhen(v.closed?.at ?? v.closesAt!) })
  const skills = needsOf(v.content).map((n) => n.what)
  return skills.length ? t('card.lookingFor', { skills: skills.join(', ') }) : t('card.aProject')
}

/** How many are in. */
const tally = (v: InvitationView): string => {
  if (v.kind === 'event') {
    const cap = (v.content as EventContent).capacity
    const waiting = v.waitlist.length ? t('card.waiting', { n: v.waitlist.length }) : ''
    return `${cap ? t('card.placesTaken', { taken: v.seatsTaken, capacity: cap }) : t('card.going', { n: v.seatsTaken })}${waiting}`
  }
  if (v.kind === 'project') {
    const of = (v.content as ProjectContent).threshold
    return of ? t('card.committedOf', { n: v.committed, of }) : t('card.committed', { n: v.committed })
  }
  const n = v.tally
  return [t('card.agree', { n: n.agree }), n.object && t('card.object', { n: n.object }), n.block && t('card.block', { n: n.block })].filter(Boolean).join(', ')
}

/** Where you stand. */
const yours = (v: InvitationView, id: string): { text: string; strong?: boolean } | null => {
  const place = myPlace(v, id)
  if (place.isHost) return { text: t('card.youHost') }
  if (place.waitlistPosition) return { text: t('card.youWaitlist', { n: place.waitlistPosition }) }
  if (place.reply) return { text: t('card.youAnswered', { answer: answerLabel(place.reply.answer) }) }
  return needsAnswer(v, id) ? { text: t('card.needsAnswer'), strong: true } : null
}

export const Card = (props: { v: InvitationView; roomId: string }) => {
  const mine = () => yours(props.v, you() ?? '')
  return (
    <a class="card" href={invitationPath(props.roomId, props.v.id)}>
      <span class="card-top">
        <span class="kind">{kindLabel(props.v.kind)}</span>
        <Show when={props.v.status === 'cancelled'}><span class="status-pill cancelled">{t('card.cancelled')}</span></Show>
        <Show when={props.v.status === 'confirmed'}><span class="status-pill confirmed">{t('card.happening')}</span></Show>
        <CardNews news={newsOn(props.v)} />
      </span>
      <strong class="title">{props.v.content.title}</strong>
      <span class="facts">{facts(props.v)}</span>
      <span class="counts">
        <span>{tally(props.v)}</span>
        <Show when={mine()}>{(m) => <span class={`badge${m().strong ? ' strong' : ''}`}>{m().text}</span>}</Show>
      </span>
    </a>
  )
}
