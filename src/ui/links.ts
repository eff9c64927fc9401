/**
 * An invitation's own link is its room's link with `i=<invitation>` added to the fragment's query:
 * `#/r/<room>?k=<key>&n=<name>&i=<invitation>`. Older versions read only `k` and `n`, so they still
 * open the room.
 */
const INVITE_ID = /^[A-Za-z0-9_-]{21}$/

export const invitationLink = (roomLink: string, inviteId: string): string =>
  roomLink ? `${roomLink}&i=${encodeURIComponent(inviteId)}` : ''

/** The invitation a room link points at, if it names one that could exist. */
export const invitationIn = (hash: string): string | null => {
  const query = hash.split('?')[1]
  const id = query ? new URLSearchParams(query).get('i') : null
  return id && INVITE_ID.test(id) ? id : null
}
