import { nanoid } from 'nanoid'
import { sha256, toBase64url, utf8 } from '../../crypto/index.ts'

/**
 * An invitation's id is bound to its maker: the hash of their member id and a nonce.
 * So nobody else can sign a "create" for an id they have seen and take the invitation over.
 * Chained invitations hash a marker too: a "create" from before chains can never claim a chained invitation's id.
 */
export const inviteId = (by: string, nonce: string, chained = false): string =>
  toBase64url(sha256(utf8(chained ? `${by}:${nonce}:chained` : `${by}:${nonce}`)).subarray(0, 16)).slice(0, 21)

export const newNonce = (): string => nanoid(22)
