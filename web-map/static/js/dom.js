// A small element builder, so modules build their DOM without innerHTML.

/**
 * Creates an element. attrs: "class", "text", "dataset" (object), "on" (object of listeners),
 * booleans set or omit the attribute, anything else is an attribute. Children may be strings,
 * nodes, or arrays of them; null and false are skipped.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value == null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'on') for (const [type, fn] of Object.entries(value)) el.addEventListener(type, fn);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child == null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces the children of el. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A coloured square naming a stage's colour (decorative: the text beside it says the stage). */
export function swatch(color, extraClass = '') {
  const el = h('span', { class: `swatch ${extraClass}`.trim(), 'aria-hidden': 'true' });
  el.style.backgroundColor = color;
  return el;
}
