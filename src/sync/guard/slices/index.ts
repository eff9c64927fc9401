export { applySliced, mark, slicedSoFar, warmSlices } from './apply.ts'
export { sliceUpdate } from './cut.ts'
export { asideCounted, asideMissing, asideSince } from './aside.ts'
