import { nanoid } from 'nanoid'

// A link code's words, without the linking: Settings shows and reads codes before the relay's code is loaded.
/** How long a link code works. */
export const LINK_MS = 5 * 60_000
const CODE = /^[A-Za-z0-9_-]{24}$/

export const newLinkCode = (): string => nanoid(24)
export const isLinkCode = (code: string): boolean => CODE.test(code)
/** A link code as a link a phone's camera opens: the app's own address, the code in the fragment. */
export const linkCodeLink = (code: string, base: string) => `${base.split('#')[0]}#/link/${code}`
/** The code in a pasted link or the bare code. */
export const readLinkCode = (text: string): string | null => {
  const m = /(?:#\/link\/)?([A-Za-z0-9_-]{24})\s*$/.exec(text.trim())
  return m ? m[1] : null
}
/** An in-person link offer (linkHereLink, or its bare code) rather than a relay's link code: it is longer. */
export const isLinkHereCode = (text: string): boolean => /^[A-Za-z0-9_-]{40,}$/.test(text.trim().replace(/^.*#\/link\//, ''))
