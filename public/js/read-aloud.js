/*
 * "Read aloud" on the participant's own page: the browser's own speech synthesis, in the page's
 * language. The button stays hidden unless the browser has a voice for that language; nothing is
 * sent anywhere.
 */
(function () {
  'use strict';
  var button = document.querySelector('[data-read-aloud]');
  if (!button || !('speechSynthesis' in window) || typeof SpeechSynthesisUtterance !== 'function') return;
  var lang = button.getAttribute('data-lang') || document.documentElement.lang || 'lt';
  var label = button.querySelector('[data-read-label]');
  var readText = label ? label.textContent : '';
  var stopText = button.getAttribute('data-stop') || readText;
  var voice = null;

  function findVoice() {
    var voices = window.speechSynthesis.getVoices() || [];
    for (var i = 0; i < voices.length; i++) {
      var v = (voices[i].lang || '').toLowerCase();
      if (v === lang || v.indexOf(lang + '-') === 0 || v.indexOf(lang + '_') === 0) return voices[i];
    }
    return null;
  }

  function offer() {
    voice = findVoice();
    button.hidden = !voice;
  }

  /** The page's words in reading order, without the parts marked as not to be read. */
  function pageText() {
    var root = document.querySelector('[data-read-root]') || document.body;
    var parts = [];
    root.querySelectorAll('h1, h2, h3, p, li').forEach(function (el) {
      if (el.closest('[data-no-read]')) return;
      if (el.tagName === 'P' && el.closest('li')) return;
      var text = (el.textContent || '').replace(/\s+/g, ' ').trim();
      if (text) parts.push(text);
    });
    return parts;
  }

  function setLabel(text) {
    if (label) label.textContent = text;
  }

  button.addEventListener('click', function () {
    var synth = window.speechSynthesis;
    if (synth.speaking) {
      synth.cancel();
      setLabel(readText);
      return;
    }
    var parts = pageText();
    parts.forEach(function (text, i) {
      var u = new SpeechSynthesisUtterance(text);
      u.lang = voice ? voice.lang : lang;
      if (voice) u.voice = voice;
      u.rate = 0.9;
      if (i === parts.length - 1)
        u.onend = function () {
          setLabel(readText);
        };
      synth.speak(u);
    });
    setLabel(stopText);
  });

  offer();
  if (typeof window.speechSynthesis.addEventListener === 'function')
    window.speechSynthesis.addEventListener('voiceschanged', offer);
})();
