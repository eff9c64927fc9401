import { num, pluralIn } from '../intl.ts'
import type { stepupEn } from '../en/stepup.ts'

const es = pluralIn('es')

export const stepupEs: typeof stepupEn = {
  needs: {
    title: 'Qué hace falta',
    of: '{{ taken }} de {{ n }}',
    open: 'libre',
    stepUp: 'Me ofrezco',
    stepUpFor: 'Ofrecerme para {{ what }}',
    handBack: 'Dejarlo',
    handBackFor: 'Dejar {{ what }}',
    waiting: 'Se completó antes de que contara tu oferta; vas después si alguien lo deja.',
    release: 'Liberar',
    releaseFor: 'Liberar a {{ name }} de {{ what }}',
    why: '¿Por qué lo liberas?',
    confirmRelease: 'Liberar',
    released: '{{ by }} liberó a {{ name }}: {{ why }}',
    formTitle: 'Qué hace falta (opcional)',
    formHint: 'Un papel o una tarea, y cuántas personas: «tomar notas» ×1, «traer comida» ×3. Cualquiera puede ofrecerse.',
    what: 'Necesidad',
    how: 'Cuántas personas',
    add: 'Añadir una necesidad',
    remove: 'Quitar esta necesidad',
  },
  understudy: {
    title: 'Compartir el papel',
    offer: 'Invitación a ser suplente',
    invites: '{{ name }} te pide que seas su suplente: que tomes el relevo cuando se retire.',
    accept: 'Ser suplente',
    ask: 'Pedir que sea tu suplente',
    asked: 'Se ha pedido a {{ name }} que sea tu suplente.',
    is: 'Suplente: {{ name }}',
    until: 'Tu papel termina el',
    untilHint: 'Ese día te retiras; tu suplente, si lo tienes, toma el relevo.',
    setUntil: 'Poner la fecha de fin',
    clearUntil: 'Sin fecha de fin',
    untilSet: 'Tu papel tiene ahora fecha de fin.',
    endsSoon: 'Tu papel de anfitrión termina el {{ date }}.',
    endsTo: '{{ name }}, tu suplente, toma el relevo entonces.',
    endsAlone: 'Aún nadie toma el relevo: pide un suplente o un coanfitrión, o quita la fecha de fin.',
    keep: 'Seguir de anfitrión',
    now: 'Retirarme ahora',
  },
  track: {
    claimed: 'Se ofreció para tareas en',
    fulfilled: 'Hizo lo que hacía falta en',
    understudy: 'Suplente en',
    handedOver: 'Pasó el papel de anfitrión en',
    tookOver: 'Tomó el relevo como anfitrión en',
  },
  space: {
    title: 'Hacer sitio',
    intro: 'Cómo se ha compartido organizar en los últimos tres meses. No es una puntuación: una mirada a quién lidera, para que más lo hagamos.',
    hosts: (p: { n: number; m: number }) =>
      `${es(p.n, { one: 'Una persona organizó', other: `${num(p.n)} personas distintas organizaron` })} o ${es(p.n, { one: 'coorganizó', other: 'coorganizaron' })} ${es(p.m, { one: 'la única invitación', other: `${num(p.m)} invitaciones` })}.`,
    firstTime: 'Organizan por primera vez: {{ names }}. ¡Bienvenida!',
    concentrated: '{{ name }} organizó {{ count }} de {{ m }}. ¿Podría alguien compartir la próxima?',
    invite: 'Se ofrecieron para tareas y aún no han organizado: {{ names }}. ¿Y si les invitáis a coorganizar?',
    quiet: 'No hay invitaciones en los últimos tres meses.',
  },
}
