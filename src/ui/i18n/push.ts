/** The words of notifications and reminders, and of the notes a device writes for others' pushes; part of the one catalogue. */
export const pushEn = {
  push: {
    room: 'Notifications for this room',
    roomHint: 'Your phone tells you about new invitations, answers and replies here, even with Hearth closed. The relay sees only sealed bytes and which phones follow this room.',
    on: 'Notifications are on for this room.',
    local: 'Notifications show while Hearth is open.',
    off: 'Notifications are off for this room.',
    mute: 'Mute this invitation',
    muteHint: 'No notifications about this invitation on this phone.',
    invited: '{{ name }} invites you: {{ title }}',
    answered: '{{ name }} answered “{{ title }}”',
    replied: '{{ name }} commented on “{{ title }}”',
    offered: '{{ name }} asks you to co-host “{{ title }}”',
    dayBefore: 'Tomorrow: {{ title }}',
    hourBefore: 'In an hour: {{ title }}',
    soon: 'Starting soon: {{ title }}',
    reminders: 'Reminders before events you’re going to',
    reminderDay: 'A day before',
    reminderHour: 'An hour before',
  },
}

export const pushEs: typeof pushEn = {
  push: {
    room: 'Notificaciones de esta sala',
    roomHint: 'Tu teléfono te avisa de nuevas invitaciones, respuestas y comentarios aquí, incluso con Hearth cerrado. El relé solo ve bytes sellados y qué teléfonos siguen esta sala.',
    on: 'Las notificaciones están activadas para esta sala.',
    local: 'Las notificaciones se muestran con Hearth abierto.',
    off: 'Las notificaciones están desactivadas para esta sala.',
    mute: 'Silenciar esta invitación',
    muteHint: 'Ninguna notificación sobre esta invitación en este teléfono.',
    invited: '{{ name }} te invita: {{ title }}',
    answered: '{{ name }} respondió a «{{ title }}»',
    replied: '{{ name }} comentó en «{{ title }}»',
    offered: '{{ name }} te pide coanfitrionar «{{ title }}»',
    dayBefore: 'Mañana: {{ title }}',
    hourBefore: 'En una hora: {{ title }}',
    soon: 'Empieza pronto: {{ title }}',
    reminders: 'Recordatorios antes de los eventos a los que vas',
    reminderDay: 'Un día antes',
    reminderHour: 'Una hora antes',
  },
}
