import { Show, createEffect, on, untrack } from 'solid-js'
import type { Kind } from '../../model/index.ts'
import { actions } from '../actions.ts'
import { enterRoom, feed } from '../bridge.ts'
import { InvitationForm } from '../parts/InvitationForm.tsx'
import { go } from '../route.ts'

const TITLES: Record<Kind, string> = { project: 'Invite people to a project', event: 'Host an event', proposal: 'Propose' }
const SUBMIT: Record<Kind, string> = { project: 'Send the invitation', event: 'Send the invitation', proposal: 'Open the proposal' }

export const NewInvitation = (props: { roomId: string; kind: string }) => {
  const kind = () => (['project', 'event', 'proposal'].includes(props.kind) ? (props.kind as Kind) : 'project')
  createEffect(on(() => props.roomId, (id) => void enterRoom(id)))
  return (
    <main class="page">
      <header class="top">
        <a href={`#/room/${props.roomId}`} class="back" aria-label="Back to the room">←</a>
        <h1>{TITLES[kind()]}</h1>
      </header>
      <InvitationForm kind={kind()} submitLabel={SUBMIT[kind()]} onSubmit={async (c) => {
        const r = await actions.invite(kind(), c)
        if (r.ok) go(`#/room/${props.roomId}/i/${r.id}`)
        return r
      }} />
    </main>
  )
}

export const EditInvitation = (props: { roomId: string; inviteId: string }) => {
  createEffect(on(() => props.roomId, (id) => void enterRoom(id)))
  return (
    <main class="page">
      <header class="top">
        <a href={`#/room/${props.roomId}/i/${props.inviteId}`} class="back" aria-label="Back to the invitation">←</a>
        <h1>Edit</h1>
      </header>
      <EditForm {...props} />
    </main>
  )
}

const EditForm = (props: { roomId: string; inviteId: string }) => {
  const v = () => feed().find((x) => x.id === props.inviteId)
  return (
    <Show when={v()} fallback={<p aria-busy="true">Looking for this invitation…</p>}>{(inv) => (
      // the form starts from the version open now; changes arriving while typing do not wipe it
      <InvitationForm kind={untrack(inv).kind} initial={untrack(inv).content} submitLabel="Save changes" onSubmit={async (c) => {
        const r = await actions.edit(props.inviteId, c)
        if (r.ok) go(`#/room/${props.roomId}/i/${props.inviteId}`)
        return r
      }} />
    )}</Show>
  )
}
