import type { JSX } from 'solid-js'

/** A page's top bar: the way back (named for a screen reader), the page's title, and anything the page adds after it. */
export const Top = (props: { back: string; label: string; title: JSX.Element; children?: JSX.Element }) => (
  <header class="top">
    <a href={props.back} class="back" aria-label={props.label}>←</a>
    <h1>{props.title}</h1>
    {props.children}
  </header>
)
