import { num, pluralIn } from '../intl.ts'

const en = pluralIn('en')

/** The words of needs, claims, understudies and making space; part of the one catalogue (en.ts, es.ts). */
export const stepupEn = {
  needs: {
    title: 'What is needed',
    of: '{{ taken }} of {{ n }}',
    open: 'open',
    stepUp: 'Step up',
    stepUpFor: 'Step up for {{ what }}',
    handBack: 'Hand back',
    handBackFor: 'Hand back {{ what }}',
    waiting: 'Filled before your claim counted; you are next if someone hands it back.',
    release: 'Release',
    releaseFor: 'Release {{ name }} from {{ what }}',
    why: 'Why release it?',
    confirmRelease: 'Release',
    released: '{{ name }} was released by {{ by }}: {{ why }}',
    // the form
    formTitle: 'What is needed (optional)',
    formHint: 'A role or a task, and how many people: “take notes” ×1, “bring food” ×3. Anyone can step up.',
    what: 'Need',
    how: 'How many',
    add: 'Add a need',
    remove: 'Remove this need',
  },
  understudy: {
    title: 'Share the role',
    offer: 'Understudy invitation',
    invites: '{{ name }} asks you to be their understudy: to take over when they step down.',
    accept: 'Be the understudy',
    ask: 'Ask to be your understudy',
    asked: '{{ name }} is asked to be your understudy.',
    is: 'Understudy: {{ name }}',
    until: 'Your role ends on',
    untilHint: 'On that day you step down; your understudy, if you have one, takes over.',
    setUntil: 'Set the end date',
    clearUntil: 'No end date',
    untilSet: 'Your role now has an end date.',
    endsSoon: 'Your role as host ends on {{ date }}.',
    endsTo: '{{ name }}, your understudy, takes over then.',
    endsAlone: 'Nobody takes over yet: ask an understudy or a co-host, or remove the end date.',
    keep: 'Keep hosting',
    now: 'Step down now',
  },
  track: {
    claimed: 'Stepped up for needs in',
    fulfilled: 'Did what was needed in',
    understudy: 'Understudy for',
    handedOver: 'Handed the host role on in',
    tookOver: 'Took over as host in',
  },
  space: {
    title: 'Make space',
    intro: 'How hosting has been shared over the last three months. Not a score: a look at who leads, so more of us can.',
    hosts: (p: { n: number; m: number }) =>
      `${en(p.n, { one: 'One person', other: `${num(p.n)} different people` })} hosted or co-hosted ${en(p.m, { one: 'the one invitation', other: `${num(p.m)} invitations` })}.`,
    firstTime: 'Hosting for the first time: {{ names }}. Welcome!',
    concentrated: '{{ name }} hosted {{ count }} of {{ m }}. Could someone share the next one?',
    invite: 'Stepped up for needs and have not hosted yet: {{ names }}. Perhaps invite them to co-host?',
    quiet: 'No invitations in the last three months.',
  },
}
