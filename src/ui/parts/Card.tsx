import { Show } from 'solid-js'
import { myPlace, needsAnswer, type EventContent, type InvitationView, type ProjectContent } from '../../model/index.ts'
import { me } from '../bridge.ts'
import { ANSWER_LABEL, KIND_LABEL, ago, shortWhen } from '../format.ts'
import { invitationPath } from '../route.ts'

/** When and where: what a person decides by. */
const facts = (v: InvitationView): string => {
  if (v.kind === 'event') {
    const ev = v.content as EventContent
    return `${shortWhen(ev.start, ev.tz)} · ${ev.online ? (ev.place ? `Online: ${ev.place}` : 'Online') : ev.place}`
  }
  if (v.kind === 'proposal') return v.status === 'open' ? `Closes ${ago(v.closesAt!)}` : `Closed ${shortWhen(v.closed?.at ?? v.closesAt!)}`
  const skills = (v.content as ProjectContent).skills
  return skills.length ? `Looking for ${skills.join(', ')}` : 'A project'
}

/** How many are in. */
const tally = (v: InvitationView): string => {
  if (v.kind === 'event') {
    const cap = (v.content as EventContent).capacity
    const waiting = v.waitlist.length ? `, ${v.waitlist.length} waiting` : ''
    return `${cap ? `${v.seatsTaken} of ${cap} places taken` : `${v.seatsTaken} going`}${waiting}`
  }
  if (v.kind === 'project') {
    const t = (v.content as ProjectContent).threshold
    return t ? `${v.committed} of ${t} committed` : `${v.committed} committed`
  }
  const t = v.tally
  return [`${t.agree} agree`, t.object && `${t.object} object`, t.block && `${t.block} block`].filter(Boolean).join(', ')
}

/** Where you stand. */
const yours = (v: InvitationView, id: string): { text: string; strong?: boolean } | null => {
  const place = myPlace(v, id)
  if (place.isHost) return { text: 'You host this' }
  if (place.waitlistPosition) return { text: `You: waitlist, number ${place.waitlistPosition}` }
  if (place.reply) return { text: `You: ${ANSWER_LABEL[place.reply.answer]}` }
  return needsAnswer(v, id) ? { text: 'Needs your answer', strong: true } : null
}

export const Card = (props: { v: InvitationView; roomId: string }) => {
  const mine = () => yours(props.v, me()?.id ?? '')
  return (
    <a class="card" href={invitationPath(props.roomId, props.v.id)}>
      <span class="card-top">
        <span class="kind">{KIND_LABEL[props.v.kind]}</span>
        <Show when={props.v.status === 'cancelled'}><span class="status-pill cancelled">Cancelled</span></Show>
        <Show when={props.v.status === 'confirmed'}><span class="status-pill confirmed">Happening</span></Show>
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
