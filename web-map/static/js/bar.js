// The bar's height: one row on a wide screen, two when its tools do not fit (a longer language,
// the pages of many roles). The map and the panels are placed under var(--bar-h), so it follows
// the bar's real height.

/** Keeps --bar-h equal to the height of the page's .bar as it changes. */
export function followBarHeight(bar = document.querySelector('.bar')) {
  if (!bar) return;
  const set = () => document.documentElement.style.setProperty('--bar-h', `${bar.offsetHeight}px`);
  new ResizeObserver(set).observe(bar);
  set();
}
