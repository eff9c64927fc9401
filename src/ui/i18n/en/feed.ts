/** The words of a person's calendar feed (Settings); part of the one catalogue (en.ts, es.ts). */
export const feedEn = {
  feed: {
    title: 'Calendar feed',
    about: 'Your calendar app can follow the events you’re going to, in every room on this device, and stay up to date by itself.',
    warning: 'The relay will be able to read the events you’re going to: titles, times, places. Anyone with the link can too.',
    publish: 'Publish a calendar feed',
    publishing: 'Publishing…',
    published: 'Your calendar feed is published. This device keeps it up to date while Hearth is open.',
    link: 'Link to your calendar feed',
    copy: 'Copy link',
    copied: 'Link copied.',
    subscribe: 'Subscribe in your calendar app',
    how: 'Or, in your calendar app, choose “Add calendar from URL” (or “subscribe”) and paste the link.',
    stop: 'Stop publishing',
    stopped: 'The calendar feed is stopped: its link shows nothing now.',
    confirmStop: 'Stop publishing? The link will show nothing, and calendars that follow it will stop getting your events.',
    name: 'Hearth · Events I’m going to',
  },
}
