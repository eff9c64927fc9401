import { hmac } from '@noble/hashes/hmac.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { utf8ToBytes } from '@noble/hashes/utils.js'
import { toBase64url } from './encoding.ts'
import { derive } from './ids.ts'

/** the DTLS certificate fingerprints of one connection, as one side sees it (lower-case hex, colons kept) */
export interface Dtls { mine: string; theirs: string }

/**
 * What a paired phone says to prove who it is: bound to this room, to the other phone's fresh nonce, to the member
 * it claims and to the DTLS fingerprints of the connection it speaks over (its own, then the other's). The member
 * signs it with their device key; the room key MACs it. A replayed or forwarded hello fails the nonce, one passed
 * along by someone in the middle fails the fingerprints (their connection has other certificates), a phone
 * without the room key fails the MAC, and one that only claims an id fails the signature.
 */
export const helloText = (roomId: string, theirNonce: string, member: string, dtls: Dtls) =>
  `hearth/pair-hello/v2\n${roomId}\n${theirNonce}\n${member}\n${dtls.mine}\n${dtls.theirs}`

export const helloMac = (secret: string, text: string): string => toBase64url(hmac(sha256, derive(secret, 'hearth/pair-hello'), utf8ToBytes(text)))

export const sameMac = (a: string, b: string): boolean => {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return diff === 0
}

/** the DTLS fingerprint an SDP names, as "sha-256 ab:cd:…" in lower case whatever the browser wrote, or '' when it names none */
export const fingerprintOf = (sdp: string | undefined): string => {
  const m = /^a=fingerprint:(sha-\d+) ([0-9A-Fa-f:]+)\s*$/im.exec(sdp ?? '')
  return m ? `${m[1].toLowerCase()} ${m[2].toLowerCase()}` : ''
}
