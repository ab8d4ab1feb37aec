// The packing slips' print button: shown only where it can work.
const button = document.querySelector('[data-print]');
if (button && typeof window.print === 'function') {
  button.hidden = false;
  button.addEventListener('click', () => window.print());
}
