export { applySliced, mark, warmSlices } from './apply.ts'
export { sliceUpdate } from './cut.ts'
