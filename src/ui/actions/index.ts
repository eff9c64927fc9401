import { commands, type Content, type Exception, type Kind, type Reply, type Result } from '../../model/index.ts'
import type { Session } from '../../sync/index.ts'
import { session } from '../bridge/index.ts'
import type { Problem } from '../i18n/index.ts'
import { watchClosing } from './closing.ts'
import { told } from './notify.ts'

/** A command's result, or that there was no room to run it in; `fields` says what is wrong with each field. */
export type Done = { ok: true; id: string } | { ok: false; error: Problem; fields?: Record<string, Problem> }

const withRoom = async (act: (s: Session) => Promise<Result>): Promise<Done> => {
  const s = session()
  if (!s) return { ok: false, error: { code: 'no-room-open' } }
  return act(s)
}

/** What a person can do; each is one model command on the open room. */
export const actions = {
  invite: (kind: Kind, content: Content) => withRoom(async (s) => {
    const done = await commands.invite(s.room, kind, content)
    if (done.ok && kind === 'proposal') watchClosing(s.ref.id, done.id)
    return done
  }).then(told('invited')),
  edit: (id: string, content: Content) => withRoom((s) => commands.edit(s.room, id, content)),
  changeDate: (id: string, at: number, change: Omit<Exception, 'at'> | null) => withRoom((s) => commands.changeDate(s.room, id, at, change)),
  respond: (id: string, reply: Reply) => withRoom((s) => commands.respond(s.room, id, reply)).then(told('answered', id, reply)),
  cancel: (id: string) => withRoom((s) => commands.cancel(s.room, id)),
  inviteCohost: (id: string, m: string) => withRoom((s) => commands.inviteCohost(s.room, id, m)).then(told('offered', id)),
  acceptCohost: (id: string) => withRoom((s) => commands.acceptCohost(s.room, id)),
  declineCohost: (id: string) => withRoom((s) => commands.declineCohost(s.room, id)),
  stepDown: (id: string, to?: string) => withRoom((s) => commands.stepDown(s.room, id, to)),
  makeYourselfAtHome: (id: string) => withRoom((s) => commands.makeYourselfAtHome(s.room, id)),
  close: (id: string, outcome: string, review?: number) => withRoom((s) => commands.close(s.room, id, outcome, review)),
  recordAttendance: (id: string, ms: string[]) => withRoom((s) => commands.recordAttendance(s.room, id, ms)),
  comment: (id: string, text: string, re?: string) => withRoom((s) => commands.comment(s.room, id, text, re)).then(told('replied', id)),
  editComment: (id: string, ref: string, text: string) => withRoom((s) => commands.editComment(s.room, id, ref, text)),
  withdrawComment: (id: string, ref: string) => withRoom((s) => commands.withdrawComment(s.room, id, ref)),
  hideComment: (id: string, ref: string) => withRoom((s) => commands.hideComment(s.room, id, ref)),
  unhideComment: (id: string, ref: string) => withRoom((s) => commands.unhideComment(s.room, id, ref)),
  describeRoom: (name: string, about: string) => withRoom((s) => commands.describeRoom(s.room, name, about)),
  /** what this person hosts that is still going, for the prompt before they leave */
  hosted: () => { const s = session(); return s ? commands.hostedBy(s.room) : [] },
  releaseRoles: () => withRoom(async (s) => (await commands.releaseRoles(s.room)).find((r) => !r.ok) ?? { ok: true, id: s.ref.id }),
  proposeRemoval: (member: string, content: { title: string; text: string; closesAt: number }) => withRoom((s) => commands.proposeRemoval(s.room, member, content)),
  claim: (id: string, need: string) => withRoom((s) => commands.claim(s.room, id, need)),
  handBack: (id: string, need: string) => withRoom((s) => commands.handBack(s.room, id, need)),
  release: (id: string, ref: string, why: string) => withRoom((s) => commands.release(s.room, id, ref, why)),
  askUnderstudy: (id: string, m: string) => withRoom((s) => commands.askUnderstudy(s.room, id, m)),
  hostUntil: (id: string, end: number) => withRoom((s) => commands.hostUntil(s.room, id, end)),
}
