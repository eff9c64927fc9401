import { createSignal } from 'solid-js'

/** The app's place, from the URL fragment: `#/`, `#/room/<id>`, `#/room/<id>/new/<kind>`, `#/room/<id>/i/<inv>`. */
export type Route =
  | { page: 'home' }
  | { page: 'settings'; link?: string }
  | { page: 'unknown' }
  | { page: 'pair'; code?: string }
  | { page: 'room-pair'; roomId: string }
  | { page: 'link'; hash: string }
  | { page: 'room'; roomId: string }
  | { page: 'people'; roomId: string }
  | { page: 'choose'; roomId: string }
  | { page: 'edit'; roomId: string; inviteId: string }
  | { page: 'new'; roomId: string; kind: (typeof KINDS)[number] }
  | { page: 'invitation'; roomId: string; inviteId: string }

const KINDS = ['project', 'event', 'proposal'] as const

const decode = (part: string): string | null => {
  try {
    return decodeURIComponent(part)
  } catch {
    return null
  }
}

const roomRoute = (id: string, rest: string[]): Route => {
  const [what, arg, more] = rest
  if (!what) return { page: 'room', roomId: id }
  if (what === 'people' && !arg) return { page: 'people', roomId: id }
  if (what === 'pair' && !arg) return { page: 'room-pair', roomId: id }
  if (what === 'new' && !arg) return { page: 'choose', roomId: id }
  if (what === 'new' && !more && (KINDS as readonly string[]).includes(arg)) return { page: 'new', roomId: id, kind: arg as (typeof KINDS)[number] }
  if (what === 'i' && arg && !more) return { page: 'invitation', roomId: id, inviteId: arg }
  if (what === 'i' && arg && more === 'edit' && rest.length === 3) return { page: 'edit', roomId: id, inviteId: arg }
  return { page: 'unknown' }
}

/** Never throws: an address that leads nowhere is `unknown`, and the app says so. */
export const parseRoute = (hash: string): Route => {
  const path = hash.replace(/^#/, '')
  if (path.startsWith('/r/')) return { page: 'link', hash }
  const raw = path.split('?')[0]
  // a trailing slash is forgiven; an empty segment inside the path is not
  const parts = raw.replace(/\/$/, '').split('/').slice(1).map(decode)
  if (!raw || raw === '/') return { page: 'home' }
  if (parts.some((p) => p === null || p === '')) return { page: 'unknown' }
  const [first, id, ...rest] = parts as string[]
  if (first === 'settings' && !id) return { page: 'settings' }
  // a device's link code, scanned: Settings, with the code ready to use
  if (first === 'link' && id && !rest.length) return { page: 'settings', link: id }
  if (first === 'pair') return rest.length ? { page: 'unknown' } : { page: 'pair', code: id }
  if (first === 'room' && id) return roomRoute(id, rest)
  return { page: 'unknown' }
}

const [route, setRoute] = createSignal(parseRoute(location.hash))
window.addEventListener('hashchange', () => setRoute(parseRoute(location.hash)))

export { route }
export const go = (hash: string, replace = false) => {
  if (replace) {
    history.replaceState(null, '', hash)
    setRoute(parseRoute(hash))
  } else location.hash = hash
}
const enc = encodeURIComponent
export const roomPath = (roomId: string) => `#/room/${enc(roomId)}`
export const invitationPath = (roomId: string, inviteId: string) => `${roomPath(roomId)}/i/${enc(inviteId)}`
