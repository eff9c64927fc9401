import { addWords } from './catalogues.ts'
import { devicesEn } from './en/devices.ts'
import { feedEn } from './en/feed.ts'
import { gatherEn } from './en/gather.ts'
import { hostingEn } from './en/hosting.ts'
import { kitEn } from './en/kit.ts'
import { stepupEn } from './en/stepup.ts'
import { talkEn } from './en/talk.ts'
import { errorsEn } from './errors.ts'

/**
 * The English words the first screen does not show: every other screen's, and every other code's. A lazy page
 * imports this file itself (`import './later.ts'`), not through the door, so that the words come in its
 * chunk and are here before it renders; tests/unit/ui/words-first.test.ts checks that each screen that needs them
 * does, and that the first screen does not.
 */
export const laterEn = { ...talkEn, ...feedEn, ...hostingEn, ...gatherEn, ...devicesEn, ...kitEn, ...stepupEn }

addWords(laterEn, errorsEn)
