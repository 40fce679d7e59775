/* Marking by selecting: select words in a saved answer (the read-only text or the answer box),
 * choose "Markeer selectie", and the mark form of that answer opens with the words as its
 * passage. The server finds the words in the stored answer (whitespace may differ: the page
 * collapses it) and refuses, keeping the form, when they are not there. Without this script the
 * passage field is typed or pasted by hand; the rest works the same.
 *
 * The kind drives the form: only a quote (citaat) shows and sends a speaker; for a lesson the
 * speaker field is hidden and disabled (CSS hides it without script too).
 */
(function () {
  "use strict";

  function fieldOf(node) {
    var el = node && (node.nodeType === 1 ? node : node.parentElement);
    return el ? el.closest("[data-field]") : null;
  }

  // The selected words of one field's answer, or "" when the selection is elsewhere.
  function selectedIn(field) {
    var active = document.activeElement;
    if (active && active.matches("textarea[data-mark-source]") && field.contains(active)) {
      return active.value.substring(active.selectionStart, active.selectionEnd);
    }
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) { return ""; }
    var source = field.querySelector("p[data-mark-source]");
    var range = selection.getRangeAt(0);
    if (!source || !source.contains(range.commonAncestorContainer)) { return ""; }
    return selection.toString();
  }

  var remembered = new Map();  // field -> the last words selected in it

  function update() {
    var selection = window.getSelection();
    var active = document.activeElement;
    var field = active && active.matches("textarea[data-mark-source]") ? fieldOf(active)
      : (selection && selection.rangeCount ? fieldOf(selection.getRangeAt(0).commonAncestorContainer) : null);
    if (!field) { return; }
    var button = field.querySelector("[data-mark-selection]");
    if (!button) { return; }
    var words = selectedIn(field).trim();
    if (!words) { return; }  // a collapsed selection keeps the last one: Tab to the button loses nothing
    remembered.set(field, words);
    document.querySelectorAll("[data-mark-selection]").forEach(function (other) {
      if (other !== button) { other.hidden = true; }
    });
    button.hidden = false;
  }

  function useSelection(button) {
    var field = button.closest("[data-field]");
    var words = remembered.get(field) || selectedIn(field).trim();
    var details = field.querySelector("[data-mark-details]");
    if (!words || !details) { return; }
    details.open = true;
    var passage = details.querySelector('textarea[name="passage"]');
    passage.value = words;
    var kind = details.querySelector('input[name="kind"]:checked') || details.querySelector('input[name="kind"]');
    kind.focus();
    details.scrollIntoView({ block: "nearest" });
  }

  function applyKind(details) {
    var chosen = details.querySelector('input[name="kind"]:checked');
    var quote = chosen && chosen.value === "citaat";
    var fields = details.querySelector("[data-quote-fields]");
    if (!fields) { return; }
    fields.hidden = !quote;
    fields.querySelectorAll("select, input, textarea").forEach(function (input) { input.disabled = !quote; });
  }

  document.querySelectorAll("[data-mark-details]").forEach(function (details) {
    details.querySelectorAll('input[name="kind"]').forEach(function (radio) {
      radio.addEventListener("change", function () { applyKind(details); });
    });
    applyKind(details);
  });
  document.querySelectorAll("[data-mark-selection]").forEach(function (button) {
    // Keep the selection in the text when the pointer presses the button.
    button.addEventListener("mousedown", function (event) { event.preventDefault(); });
    button.addEventListener("click", function () { useSelection(button); });
  });
  document.addEventListener("selectionchange", update);
  document.querySelectorAll("textarea[data-mark-source]").forEach(function (box) {
    box.addEventListener("select", update);
    box.addEventListener("keyup", update);
    box.addEventListener("mouseup", update);
  });
})();
