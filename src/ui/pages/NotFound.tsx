/** Where an address that leads nowhere lands: say so plainly, and offer the way home. */
export const NotFound = (props: { title?: string; children?: any }) => (
  <main class="page">
    <header class="top"><h1>{props.title ?? 'Nothing here'}</h1></header>
    <div class="banner" role="alert">
      {props.children ?? <p>This address doesn’t lead anywhere in Hearth. Part of it may be missing or mistyped.</p>}
    </div>
    <p><a class="button primary" href="#/">Go to your rooms</a></p>
  </main>
)
