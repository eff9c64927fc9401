import type { Identity } from '../../identity/index.ts'
import { commands, movedTo, pendingRemovals, removals } from '../../model/index.ts'
import { forgetRoom, knownRooms, rememberRoom, updateRoom } from '../device.ts'
import type { RoomRef } from '../link.ts'
import { closeSession, openSession, type Session, type SessionOptions } from '../session.ts'
import { deleteRoomData } from '../persist.ts'
import { boxKeys } from './boxkey.ts'
import { movePush } from './push.ts'

/** How long a device waits before re-keying itself, so that usually one member's device does it for all. */
const waitBeforeRekey = () => {
  const set = Number(localStorage.getItem('hearth-rekey-wait'))
  return Number.isFinite(set) && localStorage.getItem('hearth-rekey-wait') !== null ? set : 500 + Math.random() * 2500
}

/**
 * Follows a room through a removal: publishes this device's lockbox key; once a removal passes, re-keys (after a
 * short wait, unless another member did); once a re-key counts, opens this device's lockbox, adds the new room to
 * the list and opens it, and marks the old one as moved (or closed to this device, when it sealed it nothing).
 * A re-key of this device's own that lost to another's is dropped with its room.
 */
export const followMoves = (s: Session, me: Identity, opts: SessionOptions, changed: () => void): (() => void) => {
  const room = s.room
  let stopped = false
  let mine: string | null = null
  let timer: ReturnType<typeof setTimeout> | undefined
  let running = Promise.resolve()
  const nameOf = () => knownRooms().find((r) => r.id === s.ref.id)?.name ?? s.ref.name

  // the removals proposed here, found once at open and then among the invitations that change, so a room of
  // 100,000 invitations isn't scanned on every change
  const proposed = new Set<string>()
  const notice = (ids: Iterable<string>) => { for (const r of removals(room.ledger, ids)) proposed.add(r.id) }

  const follow = async () => {
    const keys = await boxKeys()
    const winner = movedTo(room.ledger, room.id)
    if (!winner) {
      // only the people a removal counts re-key: a device that joined after it would write one that counts nowhere
      const passed = pendingRemovals(room.ledger, room.id, proposed).some((r) => r.counted.includes(room.personOf(me.id)))
      if (passed && !mine && !timer) timer = setTimeout(() => { running = running.then(rekeyNow) }, waitBeforeRekey())
      return
    }
    clearTimeout(timer)
    if (mine && mine !== winner.room) {
      const lost = mine
      mine = null
      await closeSession(lost)
      await deleteRoomData(lost).catch(() => {})
      forgetRoom(lost)
    }
    const opened = commands.openLockbox(room, keys)
    const known = knownRooms().find((r) => r.id === s.ref.id)
    if (opened) {
      const ref: RoomRef = { id: opened.id, secret: opened.secret, name: nameOf() }
      if (!knownRooms().some((r) => r.id === ref.id)) rememberRoom(ref, nameOf())
      if (known?.movedTo !== ref.id) updateRoom(s.ref.id, { movedTo: ref.id })
      void openSession(ref, me, opts).then((next) => movePush(s, next)).catch(() => {})
    } else if (winner.gone === me.id && !known?.closedToMe) updateRoom(s.ref.id, { closedToMe: true })
    changed()
  }

  const rekeyNow = async () => {
    timer = undefined
    if (stopped || movedTo(room.ledger, room.id)) return
    const r = await commands.rekey(room)
    if (!r.ok) return
    mine = r.id
    const ref: RoomRef = { id: r.id, secret: r.secret, name: nameOf() }
    rememberRoom(ref, nameOf())
    const next = await openSession(ref, me, opts)
    await next.room.ledger.ready
    commands.carryHistory(room, next.room)
    await follow()
  }

  const look = () => { if (!stopped) running = running.then(follow).catch((err) => console.warn('hearth: could not follow a removal', err)) }
  void room.ledger.ready.then(async () => {
    notice(room.ledger.invites.keys())
    const keys = await boxKeys()
    if (!stopped && !movedTo(room.ledger, room.id)) await commands.publishBoxKey(room, keys.pub, opts.name)
    look()
  })
  const off = room.onChange((c) => {
    notice(c.invites)
    // a lockbox key arriving can be what a re-key waited for
    if (c.rekey || c.invites.size || c.members) look()
  })
  return () => { stopped = true; clearTimeout(timer); off() }
}
