import type { ComponentChildren } from 'preact';

/** A non-card state of the popup: what happened and what to do about it. */
export function StateView(props: { tone: 'info' | 'warn' | 'busy'; title: string; hint?: string; children?: ComponentChildren }) {
  return (
    <section class={`state state-${props.tone}`} role={props.tone === 'busy' ? 'status' : 'alert'} aria-live="polite">
      {props.tone === 'busy' && <span class="spinner" aria-hidden="true" />}
      <h1>{props.title}</h1>
      {props.hint && <p>{props.hint}</p>}
      {props.children && <div class="state-actions">{props.children}</div>}
    </section>
  );
}
