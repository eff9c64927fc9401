import { num, pluralIn } from '../intl.ts'
import type { newsEn } from '../en/news.ts'

const es = pluralIn('es')

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
  repeat: {
    label: 'Se repite',
    never: 'No se repite',
    week: 'Cada semana',
    month: 'Cada mes',
    times: 'Cuántas veces',
    timesHint: 'O déjalo vacío y pon una última fecha.',
    until: 'Última fecha',
    weekTimes: (p) => `Cada semana, ${num(p.n)} veces`,
    monthTimes: (p) => `Cada mes, ${num(p.n)} veces`,
    weekUntil: 'Cada semana hasta el {{ date }}',
    monthUntil: 'Cada mes hasta el {{ date }}',
    date: 'Fecha',
    cancelled: '{{ date }} (cancelada)',
    cancelDate: 'Cancelar esta fecha',
    restoreDate: 'Recuperar esta fecha',
    moveDate: 'Cambiar esta fecha',
    newStart: 'Nuevo inicio',
    newPlace: 'Lugar en esta fecha',
    saveDate: 'Guardar esta fecha',
    dateCancelled: 'Esta fecha está cancelada.',
    dateChanged: 'Esta fecha cambió: su hora o lugar difiere de la serie.',
  },
}
