import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto'

/**
 * A feed at rest is kept under a hash of its id and sealed with a key derived from its id: the relay reads it while
 * it answers someone who has the link, but its store (a LevelDB file, a Redis dump, an overwritten or revoked
 * version LevelDB hasn't compacted away yet) holds nothing readable without that link.
 */
export const restKeyOf = (id: string) => createHash('sha256').update(`hearth/feed/key\n${id}`).digest('base64url')

const keyOf = (id: string) => Buffer.from(hkdfSync('sha256', id, 'hearth/feed', 'hearth/feed/body', 32))

export const sealBody = (id: string, text: string): string => {
  const iv = randomBytes(12)
  const c = createCipheriv('aes-256-gcm', keyOf(id), iv)
  c.setAAD(Buffer.from(restKeyOf(id)))
  const box = Buffer.concat([c.update(text, 'utf8'), c.final()])
  return Buffer.concat([iv, box, c.getAuthTag()]).toString('base64')
}

/** null when it doesn't open with this id (another feed's, or damaged) */
export const openBody = (id: string, sealed: string): string | null => {
  const all = Buffer.from(sealed, 'base64')
  if (all.length < 28) return null
  try {
    const d = createDecipheriv('aes-256-gcm', keyOf(id), all.subarray(0, 12))
    d.setAAD(Buffer.from(restKeyOf(id)))
    d.setAuthTag(all.subarray(all.length - 16))
    return Buffer.concat([d.update(all.subarray(12, all.length - 16)), d.final()]).toString('utf8')
  } catch {
    return null
  }
}
