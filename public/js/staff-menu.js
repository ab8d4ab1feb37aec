/*
 * The back-office menu (views/partials/admin-nav.hbs) is a <details> disclosure: closed, a menu
 * button on narrow screens; from 1024 px it stays open. Works without this script (the button opens
 * it, and browsers that can show a closed disclosure's content do so by CSS from 1024 px).
 */
(() => {
  'use strict';

  const menu = document.querySelector('details[data-staff-menu]');
  if (!(menu instanceof HTMLDetailsElement)) return;
  const toggle = menu.querySelector('summary');
  const wide = window.matchMedia('(min-width: 64em)');

  const follow = () => {
    menu.open = wide.matches;
  };
  wide.addEventListener('change', follow);
  follow();

  // Escape closes the open menu on a narrow screen and gives the focus back to its button.
  menu.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || wide.matches || !menu.open) return;
    menu.open = false;
    if (toggle instanceof HTMLElement) toggle.focus();
  });
})();
