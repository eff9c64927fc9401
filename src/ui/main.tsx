import { render } from 'solid-js/web'
import { App } from './App.tsx'
import { start } from './bridge.ts'
import './styles.css'

void start()
render(() => <App />, document.getElementById('root')!)
