import { For, Show, createMemo } from 'solid-js'
import type { InvitationNews, News as Counts } from '../../../model/index.ts'
import { t } from '../../i18n/index.ts'

/** A room's news as short phrases, most pressing first: what is offered to you, what closes, what was said. */
export const newsPhrases = (n: Counts | undefined | null): string[] =>
  !n ? [] : [
    n.offers && t('news.offers', { n: n.offers }),
    n.closingSoon && t('news.closingSoon', { n: n.closingSoon }),
    n.invitations && t('news.invitations', { n: n.invitations }),
    n.answers && t('news.answers', { n: n.answers }),
    n.comments && t('news.comments', { n: n.comments }),
  ].filter((x): x is string => !!x)

/** Badges for a room's news on the home screen. */
export const NewsBadges = (props: { news: Counts | undefined }) => (
  <For each={newsPhrases(props.news)}>{(text) => <span class="badge news">{text}</span>}</For>
)

/** "New since you last looked": the room's summary above its invitations. */
export const RoomNews = (props: { news: Counts | null }) => {
  // the room's news is a pass over all its invitations: once per change, not once to test it and again to word it
  const phrases = createMemo(() => newsPhrases(props.news))
  return (
    <Show when={phrases().length}>
      <p class="news-since"><strong>{t('news.since')}:</strong> {phrases().join(' · ')}</p>
    </Show>
  )
}

/** An invitation card's marks: new, new answers or comments, closes soon, offered to you. */
export const CardNews = (props: { news: InvitationNews | null }) => (
  <Show when={props.news}>{(n) => (
    <span class="card-news">
      <Show when={n().offer}><span class="badge news strong">{t('news.offered')}</span></Show>
      <Show when={n().closingSoon}><span class="badge news strong">{t('news.closesSoon')}</span></Show>
      <Show when={n().fresh}><span class="badge news">{t('news.fresh')}</span></Show>
      <Show when={n().answers}><span class="badge news">{t('news.answers', { n: n().answers })}</span></Show>
      <Show when={n().comments}><span class="badge news">{t('news.comments', { n: n().comments })}</span></Show>
    </span>
  )}</Show>
)
