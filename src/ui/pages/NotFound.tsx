import { t } from '../i18n/index.ts'

/** Where an address that leads nowhere lands: say so plainly, and offer the way home. */
export const NotFound = (props: { title?: string; children?: any }) => (
  <main class="page">
    <header class="top"><h1>{props.title ?? t('notFound.title')}</h1></header>
    <div class="banner" role="alert">
      {props.children ?? <p>{t('notFound.text')}</p>}
    </div>
    <p><a class="button primary" href="#/">{t('notFound.home')}</a></p>
  </main>
)
