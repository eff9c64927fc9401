import { num, pluralIn } from './intl.ts'

const en = pluralIn('en')
const es = pluralIn('es')

/** The words of "what's new" and of a room's calendar; part of the one catalogue (en.ts, es.ts). */
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
}

export const newsEs: typeof newsEn = {
  news: {
    since: 'Nuevo desde tu última visita',
    invitations: (p) => es(p.n, { one: '1 invitación nueva', other: `${num(p.n)} invitaciones nuevas` }),
    answers: (p) => es(p.n, { one: '1 respuesta nueva', other: `${num(p.n)} respuestas nuevas` }),
    comments: (p) => es(p.n, { one: '1 comentario nuevo', other: `${num(p.n)} comentarios nuevos` }),
    closingSoon: (p) => es(p.n, { one: '1 propuesta cierra pronto', other: `${num(p.n)} propuestas cierran pronto` }),
    offers: (p) => es(p.n, { one: 'Te ofrecen 1 papel', other: `Te ofrecen ${num(p.n)} papeles` }),
    fresh: 'Nueva',
    closesSoon: 'Cierra pronto',
    offered: 'Te ofrecen ser co-anfitrión',
  },
  calendar: {
    title: 'Calendario',
    upcoming: 'Próximos eventos (.ics)',
    going: 'Eventos a los que voy (.ics)',
    goingName: 'Eventos a los que voy',
    none: 'Aún no hay próximos eventos aquí.',
    noneGoing: 'No has dicho que vas a ningún próximo evento aquí.',
  },
}
