/* On a read-only theme page: text typed here earlier that never reached the server (the
 * conversation was finalised meanwhile, or the connection was gone) is still in localStorage,
 * where autosave.js put it. Offer it to copy, so a reload does not lose it. Only text answers:
 * a choice is quickly made again. Written with textContent / value only.
 */
(function () {
  "use strict";

  var offer = document.querySelector("[data-kept-text]");
  var form = document.getElementById("guide-form");
  var template = document.getElementById("kept-item-template");
  if (!offer || !form || !template) { return; }
  var storage;
  try { storage = window.localStorage; } catch (e) { return; }
  if (!storage) { return; }
  var scope = "visitatie:draft:" + form.dataset.draftScope + ":";
  var list = offer.querySelector("[data-kept-list]");
  var status = offer.querySelector("[data-kept-status]");
  var keys = [];

  function squeeze(text) { return (text || "").replace(/\s+/g, " ").trim(); }

  form.querySelectorAll('[data-field][data-type="open"]').forEach(function (field) {
    var key = scope + field.dataset.municipality + ":" + field.dataset.question;
    var draft = null;
    try { draft = JSON.parse(storage.getItem(key)); } catch (e) { draft = null; }
    if (!draft || typeof draft.value !== "string" || !draft.value.trim()) { return; }
    var shown = field.querySelector(".answer-readonly__value");
    if (shown && squeeze(shown.textContent) === squeeze(draft.value)) { storage.removeItem(key); return; }
    keys.push(key);
    var item = template.content.firstElementChild.cloneNode(true);
    var box = item.querySelector("[data-kept-value]");
    box.id = field.id + "-kept";
    box.value = draft.value;
    var label = item.querySelector("[data-kept-label]");
    label.htmlFor = box.id;
    var card = field.closest("[data-question-card]");
    var question = card ? card.querySelector("h2").textContent.trim() : "";
    var municipality = field.querySelector(".answer-field__label");
    label.textContent = question + " – " + (municipality ? municipality.textContent.trim() : "");
    label.lang = "nl";  // the guide's question is Dutch in every interface language
    item.querySelector("[data-kept-copy]").addEventListener("click", function () {
      box.select();
      var done = function () { status.textContent = status.dataset.copied; };
      var failed = function () { status.textContent = status.dataset.copyFailed; };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(box.value).then(done, failed);
      } else {
        try { (document.execCommand("copy") ? done : failed)(); } catch (e) { failed(); }
      }
    });
    list.appendChild(item);
  });
  if (!keys.length) { return; }
  offer.hidden = false;
  offer.querySelector("[data-kept-discard]").addEventListener("click", function () {
    keys.forEach(function (key) { storage.removeItem(key); });
    offer.hidden = true;
  });
})();
