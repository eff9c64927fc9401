import { For, Show, untrack } from 'solid-js'
import type { Kind } from '../../model/index.ts'
import { actions } from '../actions/index.ts'
import { feed } from '../bridge/index.ts'
import { t } from '../i18n/index.ts'
// this screen's English (the first screen carries only its own)
import '../i18n/later.ts'
import { InRoom } from '../parts/room/InRoom.tsx'
import { InvitationForm } from '../parts/form/InvitationForm.tsx'
import { Top } from '../parts/app/Top.tsx'
import { go, invitationPath, roomPath } from '../route.ts'

const TITLES = { project: () => t('create.titleProject'), event: () => t('create.titleEvent'), proposal: () => t('create.titleProposal') } satisfies Record<Kind, () => string>
const SUBMIT = { project: () => t('create.send'), event: () => t('create.send'), proposal: () => t('create.open') } satisfies Record<Kind, () => string>

const KINDS: { kind: Kind; hint: () => string }[] = [
  { kind: 'event', hint: () => t('create.hintEvent') },
  { kind: 'project', hint: () => t('create.hintProject') },
  { kind: 'proposal', hint: () => t('create.hintProposal') },
]

/** One "Invite…" on the room screen leads here: what kind of invitation is it? */
export const ChooseKind = (props: { roomId: string }) => {
  return (
    <InRoom roomId={props.roomId}>{() => (
    <main class="page">
      <Top back={roomPath(props.roomId)} label={t('common.backToRoom')} title={t('create.choose')} />
      <ul class="cards kinds">
        <For each={KINDS}>{(k) => (
          <li><a class="card" href={`${roomPath(props.roomId)}/new/${k.kind}`}><strong>{TITLES[k.kind]()}</strong><span class="muted">{k.hint()}</span></a></li>
        )}</For>
      </ul>
    </main>
    )}</InRoom>
  )
}

export const NewInvitation = (props: { roomId: string; kind: Kind }) => {
  const kind = () => props.kind
  return (
    <InRoom roomId={props.roomId}>{() => (
    <main class="page">
      <Top back={roomPath(props.roomId)} label={t('common.backToRoom')} title={TITLES[kind()]()} />
      <InvitationForm kind={kind()} submitLabel={SUBMIT[kind()]()} onSubmit={async (c) => {
        const r = await actions.invite(kind(), c)
        if (r.ok) go(invitationPath(props.roomId, r.id))
        return r
      }} />
    </main>
    )}</InRoom>
  )
}

export const EditInvitation = (props: { roomId: string; inviteId: string }) => {
  return (
    <InRoom roomId={props.roomId}>{() => (
    <main class="page">
      <Top back={invitationPath(props.roomId, props.inviteId)} label={t('common.backToInvitation')} title={t('create.edit')} />
      <EditForm {...props} />
    </main>
    )}</InRoom>
  )
}

const EditForm = (props: { roomId: string; inviteId: string }) => {
  const v = () => feed().find((x) => x.id === props.inviteId)
  return (
    <Show when={v()} fallback={<p aria-busy="true">{t('common.lookingForInvitation')}</p>}>{(inv) => (
      // the form starts from the version open now; changes arriving while typing do not wipe it
      <InvitationForm kind={untrack(inv).kind} initial={untrack(inv).content} submitLabel={t('create.save')} onSubmit={async (c) => {
        const r = await actions.edit(props.inviteId, c)
        if (r.ok) go(invitationPath(props.roomId, props.inviteId))
        return r
      }} />
    )}</Show>
  )
}
