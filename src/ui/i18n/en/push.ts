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
    invited: 'Invites you: {{ title }}',
    answered: 'Answered “{{ title }}”',
    replied: 'Commented on “{{ title }}”',
    offered: 'Asks you to co-host “{{ title }}”',
    closing: '“{{ title }}” closes in 3 hours',
    mutePerson: 'Mute notifications from {{ name }}',
    dayBefore: 'Tomorrow: {{ title }}',
    hourBefore: 'In an hour: {{ title }}',
    soon: 'Starting soon: {{ title }}',
    reminders: 'Reminders before events you’re going to',
    reminderDay: 'A day before',
    reminderHour: 'An hour before',
  },
}
