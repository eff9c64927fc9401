export * from './relay.ts'
