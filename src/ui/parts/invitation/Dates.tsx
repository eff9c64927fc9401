import { For, Show, createSignal } from 'solid-js'
import { occurrencesOf, type EventContent, type InvitationView } from '../../../model/index.ts'
import { actions } from '../../actions/index.ts'
import { epochToZoned, when, zonedToEpoch } from '../../format.ts'
import { say, t, type Problem } from '../../i18n/index.ts'

/** "Every week, 6 times": how a repeating event repeats, in words. */
export const seriesWords = (e: EventContent): string => {
  const r = e.repeat
  if (!r) return ''
  if (r.times !== undefined) return t(r.every === 'week' ? 'repeat.weekTimes' : 'repeat.monthTimes', { n: r.times })
  return t(r.every === 'week' ? 'repeat.weekUntil' : 'repeat.monthUntil', { date: when(r.until!, e.tz) })
}

/** On a repeating event: which date you are looking at and answering, from those not yet over. */
export const Dates = (props: { v: InvitationView; onPick: (at: number) => void }) => {
  const ev = () => props.v.content as EventContent
  const list = () => (occurrencesOf(props.v) ?? []).filter((o) => o.end > Date.now() || o.at === props.v.occurrence?.at)
  return (
    <Show when={props.v.occurrence}>{(o) => (
      <div class="field dates">
        <label for="occurrence">{t('repeat.date')}</label>
        <select id="occurrence" aria-describedby="occurrence-series" onChange={(e) => props.onPick(Number(e.currentTarget.value))}>
          <For each={list()}>{(d) => (
            <option value={d.at} selected={d.at === o().at}>{d.cancelled ? t('repeat.cancelled', { date: when(d.start, ev().tz) }) : when(d.start, ev().tz)}</option>
          )}</For>
        </select>
        <p id="occurrence-series" class="hint">{seriesWords(ev())}</p>
        <Show when={o().cancelled}><p class="banner" role="status">{t('repeat.dateCancelled')}</p></Show>
      </div>
    )}</Show>
  )
}

/** A host's tools for the date in view: cancel it, put it back, or move it and say where. */
export const DateTools = (props: { v: InvitationView }) => {
  const [moving, setMoving] = createSignal(false)
  const [error, setError] = createSignal<Problem | null>(null)
  const ev = () => props.v.content as EventContent
  const done = (r: { ok: boolean; error?: Problem }) => {
    setError(r.ok ? null : r.error ?? null)
    if (r.ok) setMoving(false)
  }
  const move = async (e: SubmitEvent) => {
    e.preventDefault()
    const o = props.v.occurrence!
    const f = new FormData(e.currentTarget as HTMLFormElement)
    const start = zonedToEpoch(String(f.get('start') ?? ''), ev().tz)
    if (!Number.isFinite(start)) return setError({ code: 'fields-need-look' })
    done(await actions.changeDate(props.v.id, o.at, { start, end: start + (o.end - o.start), place: String(f.get('place') ?? '').trim() || undefined }))
  }
  return (
    <Show when={props.v.occurrence}>{(o) => (
      <div class="date-tools">
        <div class="row wrap actions">
          <Show when={o().cancelled || o().start !== o().at || o().place !== ev().place} fallback={
            <button type="button" onClick={async () => done(await actions.changeDate(props.v.id, o().at, { cancelled: true }))}>{t('repeat.cancelDate')}</button>
          }>
            <button type="button" onClick={async () => done(await actions.changeDate(props.v.id, o().at, null))}>{t('repeat.restoreDate')}</button>
          </Show>
          <Show when={!o().cancelled}>
            <button type="button" aria-expanded={moving()} onClick={() => setMoving(!moving())}>{t('repeat.moveDate')}</button>
          </Show>
        </div>
        <Show when={moving()}>
          <form class="form" onSubmit={move}>
            <label for="date-start">{t('repeat.newStart')}</label>
            <input id="date-start" name="start" type="datetime-local" value={epochToZoned(o().start, ev().tz)} />
            <label for="date-place">{t('repeat.newPlace')}</label>
            <input id="date-place" name="place" type="text" maxlength="300" value={o().place} />
            <button type="submit">{t('repeat.saveDate')}</button>
          </form>
        </Show>
        <p class="field-error" role="alert">{say(error())}</p>
      </div>
    )}</Show>
  )
}
