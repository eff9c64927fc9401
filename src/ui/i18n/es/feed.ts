import type { feedEn } from '../en/feed.ts'

export const feedEs: typeof feedEn = {
  feed: {
    title: 'Calendario publicado',
    about: 'Tu aplicación de calendario puede seguir los eventos a los que vas, en todas las salas de este dispositivo, y mantenerse al día sola.',
    warning: 'El relé podrá leer los eventos a los que vas: títulos, horas, lugares. Cualquiera con el enlace también.',
    publish: 'Publicar un calendario',
    publishing: 'Publicando…',
    published: 'Tu calendario está publicado. Este dispositivo lo mantiene al día mientras Hearth está abierto.',
    link: 'Enlace a tu calendario',
    copy: 'Copiar enlace',
    copied: 'Enlace copiado.',
    subscribe: 'Suscribirte en tu aplicación de calendario',
    how: 'O, en tu aplicación de calendario, elige «Añadir calendario desde URL» (o «suscribirse») y pega el enlace.',
    stop: 'Dejar de publicar',
    stopped: 'El calendario ya no se publica: su enlace no muestra nada.',
    confirmStop: '¿Dejar de publicar? El enlace no mostrará nada y los calendarios que lo siguen dejarán de recibir tus eventos.',
    name: 'Hearth · Eventos a los que voy',
  },
}
