/** Notifications: a room's pushes and reminders through the relay, and what the service worker shows. */
export { roomPush, type PushNote, type PushState, type RoomPush } from './room.ts'
export { notificationFor, listen } from './worker.ts'
export { pushRoomById, type PushRoom } from './kept.ts'
