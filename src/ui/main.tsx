import { render } from 'solid-js/web'
import { App } from './App.tsx'
import { start } from './bridge.ts'
import { localeReady } from './i18n/index.ts'
import { prefetchWhenIdle } from './prefetch.ts'
import './styles.css'

void start()
// a Spanish browser waits for its words before the first paint; English is already here
void localeReady.then(() => {
  render(() => <App />, document.getElementById('root')!)
  prefetchWhenIdle()
})
