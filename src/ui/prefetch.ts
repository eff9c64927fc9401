/**
 * The screens and code the home screen does not need load on demand; once the first screen has painted and the
 * page is idle they are fetched anyway, so that opening one later does not wait for the network.
 */
const LATER = [
  // what the home screen's own forms need (making a room, reading a link): the first to come
  () => import('./bridge/index.ts').then((b) => b.loadLinks()),
  () => import('./pages/Room.tsx'),
  () => import('./pages/Invitation.tsx'),
  () => import('./pages/NewInvitation.tsx'),
  () => import('./pages/People.tsx'),
  () => import('./pages/Settings.tsx'),
  () => import('./pages/Pair.tsx'),
  () => import('./parts/share/Scan.tsx'),
  () => import('./bridge/index.ts').then((b) => b.preloadRooms()),
]

const SETTLE_MS = 3000

const idle = (f: () => void) => {
  const ric = (globalThis as { requestIdleCallback?: (f: () => void, o?: { timeout: number }) => void }).requestIdleCallback
  if (ric) ric(f, { timeout: 3000 })
  else setTimeout(f, 200)
}

/** A room's link is being read: the screen it opens and the room's code are fetched now, while the link's own code loads. */
export const prefetchRoom = (invitation: boolean) => {
  void (invitation ? import('./pages/Invitation.tsx') : import('./pages/Room.tsx')).catch(() => {})
  void import('./bridge/index.ts').then((b) => b.preloadRooms()).catch(() => {})
}

export const prefetchWhenIdle = () => {
  // one at a time, each when the page is idle again, so a slow phone never stalls on them
  const next = (i: number) => {
    if (i >= LATER.length) return
    idle(() => void LATER[i]().catch(() => {}).finally(() => next(i + 1)))
  }
  // not in the first seconds after the first screen, when a slow phone's main thread is the person's
  setTimeout(() => next(0), SETTLE_MS)
}
