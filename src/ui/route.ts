import { createSignal } from 'solid-js'

/** The app's place, from the URL fragment: `#/`, `#/room/<id>`, `#/room/<id>/new/<kind>`, `#/room/<id>/i/<inv>`. */
export type Route =
  | { page: 'home' }
  | { page: 'settings' }
  | { page: 'pair'; code?: string }
  | { page: 'room-pair'; roomId: string }
  | { page: 'link'; hash: string }
  | { page: 'room'; roomId: string }
  | { page: 'people'; roomId: string }
  | { page: 'edit'; roomId: string; inviteId: string }
  | { page: 'new'; roomId: string; kind: string }
  | { page: 'invitation'; roomId: string; inviteId: string }

export const parseRoute = (hash: string): Route => {
  const path = hash.replace(/^#/, '')
  if (path.startsWith('/r/')) return { page: 'link', hash }
  const parts = path.split('?')[0].split('/').filter(Boolean).map(decodeURIComponent)
  if (parts[0] === 'settings') return { page: 'settings' }
  if (parts[0] === 'pair') return { page: 'pair', code: path.slice('/pair/'.length) || undefined }
  if (parts[0] === 'room' && parts[1]) {
    if (parts[2] === 'new' && parts[3]) return { page: 'new', roomId: parts[1], kind: parts[3] }
    if (parts[2] === 'i' && parts[3] && parts[4] === 'edit') return { page: 'edit', roomId: parts[1], inviteId: parts[3] }
    if (parts[2] === 'i' && parts[3]) return { page: 'invitation', roomId: parts[1], inviteId: parts[3] }
    if (parts[2] === 'people') return { page: 'people', roomId: parts[1] }
    if (parts[2] === 'pair') return { page: 'room-pair', roomId: parts[1] }
    return { page: 'room', roomId: parts[1] }
  }
  return { page: 'home' }
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
export const roomPath = (roomId: string) => `#/room/${encodeURIComponent(roomId)}`
