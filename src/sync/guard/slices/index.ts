export { applySliced, mark } from './apply.ts'
export { sliceUpdate } from './cut.ts'
