import { render } from 'solid-js/web'

render(() => <main><h1>Hearth</h1><p>Invitations for communities, peer to peer.</p></main>, document.getElementById('root')!)
