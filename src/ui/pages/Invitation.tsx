import { Show, createEffect, createSignal, onCleanup } from 'solid-js'
import type { EventContent, InvitationView, ProposalContent } from '../../model/index.ts'
import { feed, occurrenceView, rooms, seeInvitation, shareLink } from '../bridge/index.ts'
import { you } from '../actions/devices.ts'
import { kindLabel } from '../format.ts'
import { t } from '../i18n/index.ts'
// this screen's English (the first screen carries only its own)
import '../i18n/later.ts'
import { invitationLink } from '../links.ts'
import { Consent } from '../parts/invitation/Consent.tsx'
import { CohostOffer } from '../parts/invitation/CohostOffer.tsx'
import { Details, Hosts } from '../parts/invitation/Details.tsx'
import { DateTools, Dates } from '../parts/invitation/Dates.tsx'
import { Discussion } from '../parts/invitation/Discussion.tsx'
import { Needs } from '../parts/invitation/Needs.tsx'
import { RoleEnds, UnderstudyTools } from '../parts/invitation/Understudy.tsx'
import { HostTools } from '../parts/invitation/HostTools.tsx'
import { InRoom } from '../parts/room/InRoom.tsx'
import { MuteInvitation } from '../parts/app/Notify.tsx'
import { NotAnswered, Replies } from '../parts/invitation/Replies.tsx'
import { RemovalNote } from '../parts/invitation/Removal.tsx'
import { Respond } from '../parts/invitation/Respond.tsx'
import { Share } from '../parts/share/Share.tsx'
import { TimeLooksWrong } from '../parts/people/Name.tsx'
import { Top } from '../parts/app/Top.tsx'
import { roomPath } from '../route.ts'
import { eventIcs } from '../calendar/ics.ts'
import { download, fileNameOf } from '../calendar/download.ts'

const saveEvent = (v: InvitationView) =>
  download(fileNameOf(v.content.title, 'event', 'ics'), eventIcs(v.id, v.content as EventContent, v.version, Date.now(), t('card.online')))

// how long a room that has been read may still be syncing before "not here" is said
const SYNC_GRACE_MS = 6000

/** Until the invitation is here: looking, then (the room read and a while given to sync) a plain "not here yet". */
const Missing = (props: { ready: boolean; roomId: string }) => {
  const [gaveUp, setGaveUp] = createSignal(false)
  createEffect(() => {
    if (!props.ready) return
    const t = setTimeout(() => setGaveUp(true), SYNC_GRACE_MS)
    onCleanup(() => clearTimeout(t))
  })
  return (
    <Show when={gaveUp()} fallback={<p aria-busy="true">{t('invitation.looking')}</p>}>
      <div class="banner" role="status">
        <p>{t('invitation.missing')}</p>
        <a class="button" href={roomPath(props.roomId)}>{t('common.goToRoom')}</a>
      </div>
    </Show>
  )
}

export const Invitation = (props: { roomId: string; inviteId: string }) => {
  // on a repeating event, the date picked (else the next one, as the room shows it)
  const [at, setAt] = createSignal<number>()
  const v = (): InvitationView | undefined => {
    const picked = at()
    return (picked !== undefined && occurrenceView(props.inviteId, picked)) || feed().find((x) => x.id === props.inviteId)
  }
  const [notice, setNotice] = createSignal<string | null>(null)
  const roomName = () => rooms().find((r) => r.id === props.roomId)?.name ?? t('app.name')
  const link = () => invitationLink(shareLink(), props.inviteId)
  // in front of the person: what is new on it is seen, and what comes while it stays open is seen too
  createEffect(() => { if (v()) seeInvitation(props.inviteId) })
  return (
    <InRoom roomId={props.roomId}>{(ready) => (
      <main class="page">
        <Top back={roomPath(props.roomId)} label={t('common.backToRoom')} title={v()?.content.title ?? t('invitation.fallbackTitle')} />
        <Show when={v()} fallback={<Missing ready={ready()} roomId={props.roomId} />}>{(inv) => (
          <>
            <p><span class={`kind ${inv().kind}`}>{kindLabel(inv().kind)}</span> <span class={`status-pill ${inv().status}`}>{t(`status.${inv().status}`)}</span><Show when={inv().timeLooksWrong}> <TimeLooksWrong /></Show></p>
            <Hosts v={inv()} />
            <CohostOffer v={inv()} />
            <RoleEnds v={inv()} />
            <Dates v={inv()} onPick={setAt} />
            <Details v={inv()} />
            <div class="row wrap actions">
              <Show when={inv().kind === 'event' && inv().status !== 'cancelled'}>
                <button type="button" onClick={() => saveEvent(inv())}>{t('invitation.calendar')}</button>
              </Show>
              <Share id="invitation-link" title={`${inv().content.title} · ${roomName()}`} link={link()}
                label={t('invitation.link')} qrLabel={t('invitation.qr')} />
            </div>
            <Needs v={inv()} />
            <Respond v={inv()} />
            <Show when={inv().kind === 'proposal' && (inv().content as ProposalContent).remove}>{(m) => <RemovalNote id={inv().id} target={m()} />}</Show>
            <MuteInvitation inviteId={inv().id} />
            <Show when={inv().kind === 'proposal'}><Consent v={inv()} /></Show>
            <Replies v={inv()} />
            <NotAnswered v={inv()} link={link()} />
            <Show when={notice()}><p class="banner" role="status">{notice()}</p></Show>
            <Show when={inv().occurrence && inv().hosts.includes(you() ?? '')}><DateTools v={inv()} /></Show>
            <Show when={inv().hosts.includes(you() ?? '')}><HostTools v={inv()} roomId={props.roomId} onStepDown={setNotice} /><UnderstudyTools v={inv()} /></Show>
            <Discussion v={inv()} />
          </>
        )}</Show>
      </main>
    )}</InRoom>
  )
}
