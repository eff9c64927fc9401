import { hkdf } from '@noble/hashes/hkdf.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { utf8ToBytes } from '@noble/hashes/utils.js'
import { toBase64url } from './encoding.ts'

const SALT = utf8ToBytes('hearth/room/v1')

/** One key from the room secret per label (HKDF-SHA-256), so that no derived key says anything about another. */
export const derive = (secret: string, label: string, length = 32) => hkdf(sha256, utf8ToBytes(secret), SALT, utf8ToBytes(label), length)

/** New rooms take their id from their secret, so a link whose key was changed or mistyped is caught at once, offline. */
export const roomIdFor = (secret: string): string => toBase64url(derive(secret, 'hearth/room-id', 16)).slice(0, 21)
