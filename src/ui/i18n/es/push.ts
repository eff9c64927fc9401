import type { pushEn } from '../en/push.ts'

export const pushEs: typeof pushEn = {
  push: {
    room: 'Notificaciones de esta sala',
    roomHint: 'Tu teléfono te avisa de nuevas invitaciones, respuestas y comentarios aquí, incluso con Hearth cerrado. El relé solo ve bytes sellados y qué teléfonos siguen esta sala.',
    on: 'Las notificaciones están activadas para esta sala.',
    local: 'Las notificaciones se muestran con Hearth abierto.',
    off: 'Las notificaciones están desactivadas para esta sala.',
    mute: 'Silenciar esta invitación',
    muteHint: 'Ninguna notificación sobre esta invitación en este teléfono.',
    invited: 'Te invita: {{ title }}',
    answered: 'Respondió a «{{ title }}»',
    replied: 'Comentó en «{{ title }}»',
    offered: 'Te pide coanfitrionar «{{ title }}»',
    closing: '«{{ title }}» se cierra en 3 horas',
    mutePerson: 'Silenciar las notificaciones de {{ name }}',
    dayBefore: 'Mañana: {{ title }}',
    hourBefore: 'En una hora: {{ title }}',
    soon: 'Empieza pronto: {{ title }}',
    reminders: 'Recordatorios antes de los eventos a los que vas',
    reminderDay: 'Un día antes',
    reminderHour: 'Una hora antes',
  },
}
