// What a member does in a room (invite, respond, host together, step down, close, comment, name the room): each signs records and writes them.
export * from './commands.ts'
export { changeDate } from './dates.ts'
