import { base64urlnopad } from '@scure/base'

/** base64url without padding, the same in Node and the browser. */
export const toBase64url = (bytes: Uint8Array): string => base64urlnopad.encode(bytes)

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
