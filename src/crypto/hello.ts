import { hmac } from '@noble/hashes/hmac.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { utf8ToBytes } from '@noble/hashes/utils.js'
import { toBase64url } from '../identity/encoding.ts'
import { derive } from './ids.ts'

/**
 * What a paired phone says to prove who it is: bound to this room, to the other phone's fresh nonce and to the
 * member it claims. The member signs it with their device key; the room key MACs it. A replayed or forwarded
 * hello fails the nonce, a phone without the room key fails the MAC, and one that only claims an id fails the signature.
 */
export const helloText = (roomId: string, theirNonce: string, member: string) => `hearth/pair-hello/v1\n${roomId}\n${theirNonce}\n${member}`

export const helloMac = (secret: string, text: string): string => toBase64url(hmac(sha256, derive(secret, 'hearth/pair-hello'), utf8ToBytes(text)))

export const sameMac = (a: string, b: string): boolean => {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return diff === 0
}
