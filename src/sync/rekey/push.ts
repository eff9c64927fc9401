import type { Session } from '../session.ts'

/** rooms whose notifications are moving, or have moved, on this page */
const moving = new Set<string>()

/** resolves once the session's relay has joined its topic (or there is none to join, or it gives up) */
const joined = (s: Session) => new Promise<void>((ok) => {
  const done = () => { clearTimeout(timer); off(); ok() }
  const check = () => { const r = s.status.get().relay; if (r === 'saved' || r === 'saving' || r === 'off' || r === 'refused') done() }
  const timer = setTimeout(done, 30_000)
  const off = s.status.subscribe(check)
  check()
})

/**
 * After a re-key, notifications follow the room: on for the new room if they were on for the old one (with what was
 * muted), and the old topic let go: unsubscribed at the relay, and forgotten by the service worker, which then drops
 * its pushes (a removed member still has the old room's proof and can push there).
 */
export const movePush = async (from: Session, to: Session) => {
  if (moving.has(from.ref.id)) return
  moving.add(from.ref.id)
  try {
    const old = await from.push()
    const was = await old.kept()
    if (was) {
      await joined(to)
      const next = await to.push()
      if ((await next.state()) === 'off') await next.turnOn({ mutedInvites: was.mutedInvites, mutedPeople: was.mutedPeople ?? [] })
      await old.turnOff()
    }
  } catch (e) {
    // tried again as the room next changes
    moving.delete(from.ref.id)
    throw e
  }
}
