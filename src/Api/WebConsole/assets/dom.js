// Building pages from plain DOM calls: text is always set as text, never parsed as HTML.
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'class') element.className = value;
    else if (name in element && !name.includes('-') && name !== 'list') element[name] = value;
    else element.setAttribute(name, value === true ? '' : value);
  }
  append(element, children);
  return element;
}

export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

/** A place on a page for what went wrong: the API's problem detail, or nothing. */
export function problemSlot() {
  const slot = h('div', { role: 'alert', class: 'problem', hidden: true });
  slot.show = error => {
    slot.textContent = error?.explanation ?? error?.message ?? String(error);
    slot.hidden = false;
  };
  slot.clear = () => { slot.hidden = true; slot.textContent = ''; };
  return slot;
}

const integer = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
export const count = n => integer.format(n);
export const percent = (x, digits = 1) => x === null || x === undefined ? '–' : `${(100 * x).toFixed(digits)} %`;
export const fixed = (x, digits = 3) => x === null || x === undefined ? '–' : Number(x).toFixed(digits);
export const compact = n => new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 2 }).format(n);
export const shape = s => Array.isArray(s) ? s.join('×') : `${s.channels}×${s.height}×${s.width}`;
export const shownOf = (items, total) => items.length < total ? `${count(items.length)} of ${count(total)}` : count(total);
export const when = iso => iso ? new Date(iso).toLocaleString() : '–';

/** Seconds, as the API gives durations, to words. */
export function duration(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  const total = Math.round(seconds);
  if (total < 60) return `${total} s`;
  if (total < 3600) return `${Math.floor(total / 60)} min ${total % 60} s`;
  return `${Math.floor(total / 3600)} h ${Math.floor(total / 60) % 60} min`;
}

export function stateBadge(state) {
  return h('span', { class: `state state-${state}` }, state);
}

export function table(headings, rows, { caption, foot, numeric = [] } = {}) {
  const cell = (tag, value, i) => h(tag, { class: numeric.includes(i) ? 'num' : undefined, scope: tag === 'th' ? 'col' : undefined }, value);
  return h('div', { class: 'table-wrap' },
    h('table', {},
      caption ? h('caption', { class: 'muted' }, caption) : null,
      h('thead', {}, h('tr', {}, headings.map((heading, i) => cell('th', heading, i)))),
      h('tbody', {}, rows.map(row => h('tr', {}, row.map((value, i) => cell('td', value, i))))),
      foot ? h('tfoot', {}, h('tr', {}, foot.map((value, i) => cell('td', value, i)))) : null));
}

/** A labelled control with a hint and a slot for its error; the input is what `control` makes. */
export function field(id, label, control, hint) {
  control.id = id;
  const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  const hintElement = hint ? h('span', { class: 'hint', id: `${id}-hint` }, hint) : null;
  control.setAttribute('aria-describedby', [hint ? `${id}-hint` : null, `${id}-error`].filter(Boolean).join(' '));
  const wrapper = h('div', { class: 'field' }, h('label', { for: id }, label), control, hintElement, error);
  wrapper.setError = messages => {
    error.hidden = !messages;
    error.textContent = messages ? messages.join(' ') : '';
    control.setAttribute('aria-invalid', messages ? 'true' : 'false');
  };
  return wrapper;
}
