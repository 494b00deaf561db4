// Side panels (bottom sheets on a phone). The left slot holds one tool panel at a time (filters,
// work list, drawn-area results); the details panel sits on the right. A panel element fires
// "panelopen" and "panelclose"; buttons naming it with aria-controls toggle it.

const LEFT = '.panel-left';
const narrow = () => matchMedia('(max-width: 700px)').matches;

function buttonsFor(id) {
  return document.querySelectorAll(`button[aria-controls="${id}"]`);
}

/** Opens the panel with this id, closing the panels it shares the screen with. */
function markBody() {
  const open = (sel) => document.querySelector(`${sel}:not([hidden])`) !== null;
  document.body.classList.toggle('left-open', open('.panel-left'));
  document.body.classList.toggle('right-open', open('.panel-right'));
  document.dispatchEvent(new CustomEvent('panelschange', { detail: { left: open('.panel-left'), right: open('.panel-right') } }));
}

export function openPanel(id) {
  const el = document.getElementById(id);
  if (!el) return;
  const others = narrow() ? '.panel' : el.matches(LEFT) ? LEFT : null;
  if (others) for (const p of document.querySelectorAll(others)) if (p !== el) closePanel(p.id);
  const wasHidden = el.hidden;
  el.hidden = false;
  for (const b of buttonsFor(id)) b.setAttribute('aria-expanded', 'true');
  markBody();
  if (wasHidden) el.dispatchEvent(new CustomEvent('panelopen'));
}

/** Closes the panel with this id. */
export function closePanel(id) {
  const el = document.getElementById(id);
  if (!el || el.hidden) return;
  el.hidden = true;
  for (const b of buttonsFor(id)) b.setAttribute('aria-expanded', 'false');
  markBody();
  el.dispatchEvent(new CustomEvent('panelclose'));
}

export function isOpen(id) {
  const el = document.getElementById(id);
  return !!el && !el.hidden;
}

/** Wires the toggle buttons, the close buttons inside panels, and Escape. */
export function wirePanels() {
  for (const b of document.querySelectorAll('button[aria-controls]')) {
    const id = b.getAttribute('aria-controls');
    if (!document.getElementById(id)?.classList.contains('panel')) continue;
    b.setAttribute('aria-expanded', String(isOpen(id)));
    b.addEventListener('click', () => (isOpen(id) ? closePanel(id) : openPanel(id)));
  }
  for (const b of document.querySelectorAll('.panel [data-close]')) {
    b.addEventListener('click', () => closePanel(b.closest('.panel').id));
  }
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape' || e.defaultPrevented) return;
    const open = [...document.querySelectorAll('.panel:not([hidden])')];
    const focused = open.find((p) => p.contains(document.activeElement));
    const target = focused || open.at(-1);
    if (target) closePanel(target.id);
  });
}
