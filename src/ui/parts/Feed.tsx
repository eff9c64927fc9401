import { createVirtualizer } from '@tanstack/solid-virtual'
import { For, Show } from 'solid-js'
import type { InvitationView } from '../../model/index.ts'
import { nameOf } from '../bridge.ts'
import { KIND_LABEL, when } from '../format.ts'

/** Thousands of invitations, but only the rows on screen exist in the page. */
export const Feed = (props: { items: InvitationView[]; roomId: string }) => {
  let scroller!: HTMLDivElement
  const virtual = createVirtualizer({
    get count() { return props.items.length },
    getScrollElement: () => scroller,
    estimateSize: () => 84,
    overscan: 6,
  })
  return (
    <div ref={scroller} class="feed" role="region" aria-label="Invitations" tabindex="0">
      <ul style={{ height: `${virtual.getTotalSize()}px` }} aria-label={`${props.items.length.toLocaleString()} invitations`}>
        <For each={virtual.getVirtualItems()}>{(row) => {
          const v = () => props.items[row.index]
          return (
            <Show when={v()}>
              <li class="feed-row" data-index={row.index} ref={(el) => queueMicrotask(() => virtual.measureElement(el))} style={{ transform: `translateY(${row.start}px)` }} aria-setsize={props.items.length} aria-posinset={row.index + 1}>
                <a class="card" href={`#/room/${props.roomId}/i/${v()!.id}`}>
                  <span class={`kind ${v()!.kind}`}>{KIND_LABEL[v()!.kind]}</span>
                  <strong>{v()!.content.title}</strong>
                  <span class="muted">by {nameOf(v()!.maker)} · {v()!.status} · {when(v()!.createdAt)}</span>
                </a>
              </li>
            </Show>
          )
        }}</For>
      </ul>
    </div>
  )
}
