export * from './relay.ts'
export * from './feed.ts'
