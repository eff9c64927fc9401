export { applySliced } from './apply.ts'
export { sliceUpdate } from './cut.ts'
