import { createIdentity, hasCrypto, indexedDbKeyStore, loadIdentity } from '../../identity/index.ts'
import * as sync from '../../sync/index.ts'
import { loadModel, model, session, setMe, setPersisted, setRooms, setStartError } from './state.ts'

/**
 * The one place the UI meets the model and sync: Solid signals out (state.ts), reads of the open room (reads.ts),
 * what is new (news.ts), rooms opened and entered (rooms.ts), and this device's settings (settings.ts).
 */
export { me, name, rooms, session, status, feed, members, startError, signaling, persisted, relay, about, refreshRooms } from './state.ts'
export { newsOn, roomNewsNow, seeInvitation } from './news.ts'
export { glance, keepGlance } from './glance.ts'
export { createRoom, enterRoom, followRoomViews, joinLink, leaveRoom, loadLinks, openKnown, openSessions, shareLink } from './rooms.ts'
export { chooseName, setRelay, setSignaling } from './settings.ts'
export { commentsText, discussionOf, makeSpaceNow, nameOf, needsOf, occurrenceView, onlineMembers, removalOn, trackRecordOf } from './reads.ts'
export const defaultRelay = sync.defaultRelay

export const start = async () => {
  if (!hasCrypto()) {
    setStartError({ code: 'needs-secure-connection' })
    return
  }
  void sync.isPersisted().then(setPersisted)
  try {
    // room secrets are sealed at rest; they open before anything shows a room
    await sync.unlockRooms().catch(() => {})
    setRooms(sync.knownRooms())
    setMe(await loadIdentity(indexedDbKeyStore()))
  } catch (err) {
    setStartError({ code: 'no-key-here', error: String(err) })
  }
}

// a handle for tests and the bench, which seed rooms far larger than anyone would type
;(globalThis as { __hearth?: unknown }).__hearth = { session, createIdentity, get commands() { return model?.commands } }

/** A room's code, fetched ahead of the first room opened (see prefetch.ts), and its shape-check workers started. */
export const preloadRooms = () => Promise.all([sync.preloadRooms(), loadModel().then((m) => m.prewarmSift())])
