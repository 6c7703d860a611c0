/** Tiny DOM helpers (no framework). */

type Child = Node | string | null | undefined | false;

/**
 * Creates an element with attributes and children.
 *
 * @example
 * h('a', { href: '#/overview', class: 'active' }, '总览');
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) if (value !== undefined) element.setAttribute(name, value);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child);
  }
  return element;
}

/** A panel with a title (and optional header actions) around some content. */
export function panel(id: string, title: string, content: Node, options: { wide?: boolean; actions?: Node } = {}): HTMLElement {
  return h(
    'section',
    { class: options.wide ? 'panel wide' : 'panel', id: `panel-${id}` },
    h('h2', {}, h('span', {}, title), options.actions),
    content,
  );
}

/** An empty chart container. */
export function chartBox(id: string): HTMLDivElement {
  return h('div', { class: 'chart', id: `chart-${id}`, 'data-chart': id });
}
