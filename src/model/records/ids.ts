import { nanoid } from 'nanoid'
import { sha256, toBase64url, utf8 } from '../../crypto/index.ts'

/**
 * An invitation's id is bound to its maker: the hash of their member id and a nonce.
 * So nobody else can sign a "create" for an id they have seen and take the invitation over.
 * Chained invitations hash a marker too: a "create" from before chains can never claim a chained invitation's id.
 */
export const inviteId = (by: string, nonce: string, chained = false): string => idOf(sha256(utf8(inviteIdText(by, nonce, chained))))

/** What an invitation's id hashes (inviteId), for a batch that hashes many together. */
export const inviteIdText = (by: string, nonce: string, chained: boolean): string => chained ? `${by}:${nonce}:chained` : `${by}:${nonce}`
/** The id from the SHA-256 of its inviteIdText, as inviteId spells it. */
export const idOf = (digest: Uint8Array): string => toBase64url(digest.subarray(0, 16)).slice(0, 21)

export const newNonce = (): string => nanoid(22)
