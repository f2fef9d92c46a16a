import type { ComponentChildren } from 'preact';
import { formatDataAge } from '../../ui/data-age.ts';
import type { Endpoint } from './hooks.ts';

interface SectionProps<T> {
  id: string;
  title: string;
  endpoint: Endpoint<T>;
  now: Date;
  /** Same size as the loaded content, so nothing moves when data arrives. */
  skeleton: ComponentChildren;
  /** What the section calls its data in an error message ("the failure breakdown"). */
  noun: string;
  children: (data: T) => ComponentChildren;
  headExtra?: ComponentChildren;
  class?: string;
}

/**
 * One independently loading card: title, data age, then the skeleton, the content (dimmed while
 * a new range loads) or a friendly error with Retry, all in a body of fixed height.
 */
export function Section<T>({ id, title, endpoint, now, skeleton, noun, children, headExtra, class: className }: SectionProps<T>) {
  const { status, data, error, generatedAt } = endpoint;
  const loading = status === 'loading' || status === 'idle';
  let body: ComponentChildren;
  if (status === 'error' && error) {
    body = (
      <div class="section-error" role="alert">
        <p class="section-error__title">Could not load {noun}.</p>
        <p>{error.message}</p>
        {/* A refused request (400: a range too long for this section) would be refused again. */}
        {error.status !== 400 && <button type="button" class="button" onClick={endpoint.retry}>Retry</button>}
      </div>
    );
  } else if (data) {
    body = <div class={loading ? 'section__content is-stale' : 'section__content'}>{children(data)}</div>;
  } else {
    body = skeleton;
  }
  return (
    <section class={`card section section--${id}${className ? ` ${className}` : ''}`} aria-labelledby={`${id}-title`} aria-busy={loading ? 'true' : 'false'} data-section={id} data-state={status}>
      <div class="card__head">
        <h2 class="card__title" id={`${id}-title`}>{title}</h2>
        {headExtra}
        <p class="card__age">
          {loading && !data ? 'Loading…' : generatedAt && status !== 'error' ? <time dateTime={generatedAt} title={new Date(generatedAt).toLocaleString()}>{formatDataAge(generatedAt, now)}</time> : null}
        </p>
      </div>
      <div class="section__body">{body}</div>
    </section>
  );
}
