// What a member does in a room (invite, respond, host together, step down, close, comment, name the room): each signs records and writes them.
export * from './commands.ts'
export { certificate, certify, certificatesOf, restoreWithKit, revokeDevice, writeCertificates } from './devices.ts'
export * from './rekey.ts'
export * from './leave.ts'
export * from './needs.ts'
export { changeDate } from './dates.ts'
