// The bar's menu on a phone: the search and the tools fold behind one button, so the map keeps the
// screen. On a wide screen the menu's contents stand in the bar and the button is not shown (CSS).
// The menu closes when a panel opens from it or a search result is picked, and on Escape.
import { addStrings } from './i18n.js';

addStrings({ 'btn.menu': ['菜单', 'Menu'] });

const narrow = () => matchMedia('(max-width: 700px)').matches;

export function setupMenu() {
  const button = document.getElementById('btn-menu');
  const menu = document.getElementById('bar-menu');
  const legendButton = document.getElementById('btn-legend');
  const legend = document.getElementById('legend');

  function show(open) {
    menu.classList.toggle('open', open);
    button.setAttribute('aria-expanded', String(open));
  }
  const isOpen = () => menu.classList.contains('open');
  button.addEventListener('click', () => {
    show(!isOpen());
    if (isOpen()) document.getElementById('search-input')?.focus();
  });
  // A panel opened from the menu takes the lower screen; the menu gives way to it.
  document.addEventListener('panelschange', (e) => {
    if (narrow() && (e.detail.left || e.detail.right)) show(false);
  });
  // a picked search result opens the details, which closes the menu above; a click on the map too
  document.getElementById('map')?.addEventListener('pointerdown', () => narrow() && show(false));
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && isOpen() && !e.defaultPrevented && document.getElementById('search-results')?.hidden !== false) {
      show(false);
      button.focus();
    }
  });

  // On a phone the legend is shown on demand from the menu; on a wide screen it always stands.
  legendButton.addEventListener('click', () => {
    const on = !document.body.classList.contains('legend-shown');
    document.body.classList.toggle('legend-shown', on);
    legendButton.setAttribute('aria-expanded', String(on));
    show(false);
  });
  return { open: () => show(true), close: () => show(false), isOpen };
}
