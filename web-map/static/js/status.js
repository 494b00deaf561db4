// One line of status at the top of the map, read out by screen readers.

let timer = 0;

/** Shows text; it goes away after `seconds` (0: stays until replaced). */
export function showStatus(text, seconds = 0) {
  const el = document.getElementById('status');
  clearTimeout(timer);
  el.textContent = text;
  el.hidden = !text;
  if (text && seconds > 0) timer = setTimeout(() => showStatus(''), seconds * 1000);
}
