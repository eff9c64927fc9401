import { render } from 'solid-js/web'
import { App } from './App.tsx'
import { start } from './bridge/index.ts'
import { localeReady } from './i18n/index.ts'
import { keepHome } from './keep-home.ts'
import { prefetchWhenIdle } from './prefetch.ts'
import { clearShell } from './shell.ts'
import { hasFeed } from '../sync/index.ts'
import './styles.css'

const started = start()
const root = document.getElementById('root')!
// a painted shell (shell.ts) stays until the app can show the same screen: in its language (a Spanish browser waits
// for its words), with the rooms' secrets open and the device key loaded; without one, the app shows at once
void Promise.all([localeReady, root.hasChildNodes() ? started : null]).then(() => {
  clearShell(root)
  render(() => <App />, root)
  // for the bench: when the app took over from the shell
  performance.mark('hearth:app-rendered')
  keepHome()
  prefetchWhenIdle()
  // a device that publishes a calendar feed keeps it current: its code loads only then
  if (hasFeed()) void started.then(() => import('./calendar/feed.ts')).then((m) => m.startFeed())
})
