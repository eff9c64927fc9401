import { createWindowVirtualizer } from '@tanstack/solid-virtual'
import { For, Match, Switch, createSignal, onCleanup, onMount } from 'solid-js'
import { num, t } from '../../i18n/index.ts'
import type { Row } from './sections.ts'
import { Card } from '../invitation/Card.tsx'

/**
 * Thousands of invitations in their sections, scrolled with the page, but only the rows on screen
 * exist in it.
 */
export const Feed = (props: { rows: Row[]; roomId: string }) => {
  let list!: HTMLDivElement
  // where the list starts on the page: what is above it (status, search) changes height
  const [margin, setMargin] = createSignal(0)
  const measure = () => list && setMargin(list.getBoundingClientRect().top + window.scrollY)
  onMount(() => {
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(document.body)
    onCleanup(() => observer.disconnect())
  })
  const virtual = createWindowVirtualizer({
    get count() { return props.rows.length },
    estimateSize: (i) => ('head' in (props.rows[i] ?? {}) ? 56 : 118),
    overscan: 6,
    get scrollMargin() { return margin() },
  })
  return (
    <div ref={list} class="feed" role="region" aria-label={t('room.invitations')} style={{ height: `${virtual.getTotalSize()}px` }}>
      <For each={virtual.getVirtualItems()}>{(item) => {
        const row = () => props.rows[item.index]
        return (
          <div class="feed-row" data-index={item.index} ref={(el) => queueMicrotask(() => virtual.measureElement(el))}
            style={{ transform: `translateY(${item.start - margin()}px)` }}>
            <Switch>
              <Match when={(() => { const r = row(); return r && 'head' in r ? r : null })()}>{(h) => (
                <h2 class="section-head">{t(`sections.${h().head}`)} <span class="muted">({num(h().count)})</span></h2>
              )}</Match>
              <Match when={(() => { const r = row(); return r && !('head' in r) ? r : null })()}>{(v) => <Card v={v()} roomId={props.roomId} />}</Match>
            </Switch>
          </div>
        )
      }}</For>
    </div>
  )
}
