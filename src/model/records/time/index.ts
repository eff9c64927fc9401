// Time in records: claimed times as they may be shown, and the dates a repeating event names.
export { EPOCH, SKEW, plausible, shown, shownCreation } from './time.ts'
export { MAX_EXCEPTIONS, MAX_OCCURRENCES, nextOccurrence, occurrences, repeatErrors, seriesStarts, wallClock, type Occurrence } from './repeat.ts'
