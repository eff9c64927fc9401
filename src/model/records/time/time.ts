/** Times in records are what their signers claim. They are shown to people, clamped to what could be true. */

/** Nothing in a room happened before Hearth existed. */
export const EPOCH = Date.UTC(2025, 0, 1)
/** How far ahead of this device's clock another phone's clock may plausibly run. */
export const SKEW = 10 * 60_000

export const plausible = (t: number, now: number, floor = EPOCH): boolean => t >= floor && t <= now + SKEW

/** A claimed time as it may be shown: within [floor, now + SKEW]. */
export const shown = (t: number, now: number, floor = EPOCH): number => Math.min(Math.max(t, floor), now + SKEW)

/**
 * When a thing was made, for showing and ordering. A claim from the future is unknown rather than "now":
 * clamping it to the moving present would keep it newest for ever.
 */
export const shownCreation = (t: number, now: number): number => (t > now + SKEW ? EPOCH : Math.max(t, EPOCH))
