import { base64urlnopad } from '@scure/base'

const ABC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
// each pair of characters for 12 bits: a cold start spells 20,000 hashes, where the general radix coder took a fifth
const PAIRS = Array.from({ length: 4096 }, (_, i) => ABC[i >> 6] + ABC[i & 63])

/** base64url without padding, the same in Node and the browser (the one spelling fromBase64url reads). */
export const toBase64url = (bytes: Uint8Array): string => {
  let out = ''
  const whole = bytes.length - (bytes.length % 3)
  for (let i = 0; i < whole; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2]
    out += PAIRS[n >> 12] + PAIRS[n & 4095]
  }
  if (bytes.length - whole === 1) out += PAIRS[bytes[whole] << 4]
  else if (bytes.length - whole === 2) {
    const n = (bytes[whole] << 8) | bytes[whole + 1]
    out += PAIRS[n >> 4] + ABC[(n & 15) << 2]
  }
  return out
}

/**
 * The bytes of base64url text, or null for anything but the one spelling toBase64url gives them. atob ignored the
 * leftover bits of the last character, so a key had 4 spellings as a member id and a signature 16: one person could
 * appear as several members, and one record be written several ways.
 */
export const fromBase64url = (text: string): Uint8Array | null => {
  try {
    return base64urlnopad.decode(text)
  } catch {
    return null
  }
}

const encoder = new TextEncoder()

export const utf8 = (text: string): Uint8Array => encoder.encode(text)
