import { For, Show, createSignal } from 'solid-js'
import { actions } from '../actions/index.ts'
import { InRoom } from '../parts/room/InRoom.tsx'
import { feed, members, nameOf, onlineMembers, trackRecordOf } from '../bridge/index.ts'
import { you } from '../actions/devices.ts'
import { say, t, type Problem } from '../i18n/index.ts'
// this screen's English (the first screen carries only its own)
import '../i18n/later.ts'
import { MakeSpace } from '../parts/people/MakeSpace.tsx'
import { go, invitationPath } from '../route.ts'
import { Name } from '../parts/people/Name.tsx'
import { MutePerson, mutedPeople } from '../parts/app/Notify.tsx'
import { Top } from '../parts/app/Top.tsx'

const titleOf = (id: string) => feed().find((v) => v.id === id)?.content.title ?? t('people.anInvitation')

const Line = (props: { label: string; ids: string[] }) => (
  <Show when={props.ids.length}>
    <p><strong>{props.label}:</strong> {props.ids.map(titleOf).join(', ')}</p>
  </Show>
)

/** Who is in the room, who is here now, and what each has given: recognition, not ranking. */
export const People = (props: { roomId: string }) => {
  const [error, setError] = createSignal<Problem | null>(null)
  // a removal is a proposal like any other: it opens for everyone's stance, and the room's consent decides
  const proposeRemoval = async (id: string) => {
    const name = nameOf(id)
    const r = await actions.proposeRemoval(id, { title: t('removal.title', { name }), text: t('removal.text', { name }), closesAt: Date.now() + 7 * 86_400_000 })
    if (r.ok) go(invitationPath(props.roomId, r.id))
    else setError(r.error)
  }
  const sorted = () => [...members()].sort((a, b) => a.name.localeCompare(b.name))
  const [muted, { mutate }] = mutedPeople()
  return (
    <InRoom roomId={props.roomId}>{() => (
    <main class="page">
      <Top back={`#/room/${props.roomId}`} label={t('common.backToRoom')} title={t('people.title')} />
      <p class="muted">{t('people.intro')}</p>
      <p class="field-error" role="alert">{say(error())}</p>
      <MakeSpace />
      <ul class="cards">
        <For each={sorted()}>{(m) => {
          const record = () => trackRecordOf(m.id)
          return (
            <li class="card person">
              <h2>
                <span class={`dot ${onlineMembers().has(m.id) || m.id === you() ? 'on' : 'off'}`} aria-hidden="true" />
                <Name id={m.id} />{m.id === you() ? t('common.you') : ''}
                <span class="sr-only">{onlineMembers().has(m.id) ? t('people.online') : ''}</span>
              </h2>
              <Show when={record()}>{(r) => (
                <>
                  <Line label={t('people.hosted')} ids={r().hosted} />
                  <Line label={t('people.cohosted')} ids={r().cohosted} />
                  <Line label={t('people.steppedDown')} ids={r().steppedDown} />
                  <Line label={t('people.steppedUp')} ids={r().steppedUp} />
                  <Line label={t('people.showedUp')} ids={r().showedUp} />
                  <Line label={t('track.claimed')} ids={r().claimed} />
                  <Line label={t('track.fulfilled')} ids={r().fulfilled} />
                  <Line label={t('track.understudy')} ids={r().understudy} />
                  <Line label={t('track.handedOver')} ids={r().handedOver} />
                  <Line label={t('track.tookOver')} ids={r().tookOver} />
                  <Show when={!r().hosted.length && !r().cohosted.length && !r().steppedUp.length && !r().claimed.length && !r().understudy.length}>
                    <p class="muted">{t('people.nothing')}</p>
                  </Show>
                </>
              )}</Show>
              <Show when={m.id !== you()}>
                <MutePerson person={m.id} name={nameOf(m.id)} muted={muted()} onChange={mutate} />
                <button type="button" onClick={() => proposeRemoval(m.id)}>{t('removal.propose', { name: nameOf(m.id) })}</button>
              </Show>
            </li>
          )
        }}</For>
      </ul>
    </main>
    )}</InRoom>
  )
}
