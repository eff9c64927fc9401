import { num, pluralIn } from '../intl.ts'

const en = pluralIn('en')

/** The words of "what's new", of a room's calendar and of repeating events; part of the one catalogue (en.ts, es.ts). */
export const newsEn = {
  news: {
    since: 'New since you last looked',
    invitations: (p: { n: number }) => en(p.n, { one: '1 new invitation', other: `${num(p.n)} new invitations` }),
    answers: (p: { n: number }) => en(p.n, { one: '1 new answer', other: `${num(p.n)} new answers` }),
    comments: (p: { n: number }) => en(p.n, { one: '1 new comment', other: `${num(p.n)} new comments` }),
    closingSoon: (p: { n: number }) => en(p.n, { one: '1 proposal closes soon', other: `${num(p.n)} proposals close soon` }),
    offers: (p: { n: number }) => en(p.n, { one: '1 role offered to you', other: `${num(p.n)} roles offered to you` }),
    fresh: 'New',
    closesSoon: 'Closes soon',
    offered: 'Co-hosting offered to you',
  },
  calendar: {
    title: 'Calendar',
    upcoming: 'Upcoming events (.ics)',
    going: 'Events I’m going to (.ics)',
    goingName: 'Events I’m going to',
    none: 'No upcoming events here yet.',
    noneGoing: 'You haven’t said you’re going to any upcoming event here.',
  },
  repeat: {
    label: 'Repeats',
    never: 'Doesn’t repeat',
    week: 'Every week',
    month: 'Every month',
    times: 'How many times',
    timesHint: 'Or leave this empty and give a last date.',
    until: 'Last date',
    weekTimes: (p: { n: number }) => `Every week, ${num(p.n)} times`,
    monthTimes: (p: { n: number }) => `Every month, ${num(p.n)} times`,
    weekUntil: 'Every week until {{ date }}',
    monthUntil: 'Every month until {{ date }}',
    date: 'Date',
    cancelled: '{{ date }} (cancelled)',
    cancelDate: 'Cancel this date',
    restoreDate: 'Put this date back',
    moveDate: 'Change this date',
    newStart: 'New start',
    newPlace: 'Place on this date',
    saveDate: 'Save this date',
    dateCancelled: 'This date is cancelled.',
    dateChanged: 'This date is changed: its time or place differs from the series.',
  },
}
