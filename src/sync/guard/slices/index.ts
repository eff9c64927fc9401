export { applySliced, mark, warmSlices } from './apply.ts'
export { sliceUpdate } from './cut.ts'
export { asideMissing } from './aside.ts'
