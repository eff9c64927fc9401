/**
 * The room on screen counts its home-screen news when the page is idle, not in each draw: a busy room (a draw every
 * 1.5 s) on a browser without requestIdleCallback (Safari) must still record that the person saw what arrived.
 */
import { afterEach, beforeEach, expect, it, vi } from 'vitest'

// one known room, stored as device.ts would
const stored: { id: string; name: string; lastSeen?: number }[] = [{ id: 'r1', name: 'Room', lastSeen: 0 }]
vi.mock('../../../src/sync/index.ts', () => ({
  knownRooms: () => stored.map((r) => ({ ...r })),
  updateRoom: (id: string, patch: object) => { Object.assign(stored.find((r) => r.id === id)!, patch) },
}))
vi.mock('../../../src/ui/route.ts', () => ({ route: () => ({ page: 'room', roomId: 'r1' }) }))
vi.mock('../../../src/ui/bridge/state.ts', () => ({
  feed: () => [], model: undefined, rooms: () => stored, session: () => null, setRooms: () => {},
}))
const { countFor } = await import('../../../src/ui/bridge/news.ts')

const session = { ref: { id: 'r1' }, room: { person: () => 'me', about: () => ({ current: null }), ledger: { comments: new Map() } } }

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 })
  ;(globalThis as any).document = { visibilityState: 'visible' }
  delete (globalThis as any).requestIdleCallback
})
afterEach(() => vi.useRealTimers())

it('records what the person looked at while a busy room is on screen, and when they switch away', () => {
  // a member's edit (so a draw) every 1.5 s for a minute, the person reading all along
  for (let i = 0; i < 40; i++) { countFor(session as any, []); vi.advanceTimersByTime(1500) }
  expect(stored[0].lastSeen).toBeGreaterThanOrEqual(Date.now() - 3500)
  const looked = Date.now()
  countFor(session as any, [])
  // the person switches apps: the page draws once more, hidden
  ;(globalThis as any).document.visibilityState = 'hidden'
  vi.advanceTimersByTime(500)
  countFor(session as any, [])
  vi.advanceTimersByTime(5000)
  // what arrived while they looked is not "new" on their next visit
  expect(stored[0].lastSeen).toBeGreaterThanOrEqual(looked)
})
