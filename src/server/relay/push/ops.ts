import { Op, type ClientMessage } from '../../../protocol/index.ts'
import type { Conn } from '../conn.ts'
import { RelayError } from '../store/index.ts'
import type { Push, PushMsg } from './service.ts'

/**
 * The relay's Web Push ops (PUSH_OPS) on a socket: every one but AskPushKey names a topic the socket joined with the
 * room's join proof (`memberOf` throws otherwise), and is answered by an Ack (seq 0).
 */
export const pushOps = (push: Push | null, memberOf: (c: Conn, topic: string) => unknown) => async (c: Conn, m: ClientMessage) => {
  const p = m as PushMsg
  if (p.op === Op.AskPushKey) return c.send({ op: Op.PushKey, req: p.req, key: push?.publicKey ?? '' })
  if (!push) throw new RelayError('push-off', 'This relay does not push.')
  await push.handle({ conn: c, address: c.address, member: (topic) => memberOf(c, topic) }, p)
  c.send({ op: Op.Ack, req: p.req, seq: 0 })
}
