/* Autosave for the guide form. Without this script the form is a plain POST form.
 *
 * - Every change is kept in localStorage at once, then sent as JSON (debounced for text,
 *   at once for choices), one request at a time, with the CSRF token in X-CSRFToken.
 * - Offline or signed out: the text stays in localStorage; it is sent when the connection
 *   returns ("online" event and a retry timer), or offered for restoring after signing in again.
 * - A server error (5xx, or 503 during a storage fault) is told apart from no connection: the
 *   server was reached but could not save. The text stays in localStorage and the save is retried
 *   with a growing pause (5 s, 10 s, 20 s … at most a minute, never sooner than Retry-After).
 * - Every answer carries the version it was based on; a 409 shows both versions side by side
 *   with the differing words marked, puts the merged text in the answer box and pauses that field
 *   until a choice is made (save merged — the default —, keep mine, take theirs): never a silent
 *   overwrite.
 * - Conditional questions appear and disappear as the answer they depend on changes.
 * Text from the server is only ever written with textContent: nothing typed becomes markup.
 */
(function () {
  "use strict";

  var form = document.getElementById("guide-form");
  var messagesEl = document.getElementById("autosave-messages");
  if (!form || !messagesEl || !window.fetch) { return; }

  var TEXT_DELAY = 1200;
  var RETRY_DELAY = 5000;
  var RETRY_MAX = 60000;
  var msg = messagesEl.dataset;
  var url = form.dataset.autosaveUrl;
  var scope = "visitatie:draft:" + form.dataset.draftScope + ":";
  var csrfMeta = document.querySelector('meta[name="csrf-token"]');
  var csrfToken = csrfMeta ? csrfMeta.content : "";
  var statusEl = document.querySelector("[data-save-status]");
  var mirrorEl = document.querySelector("[data-save-status-mirror]");  // the same text in the sticky bar

  var fields = new Map();
  var queue = [];
  var busy = false;
  var offline = false;
  var stopped = null;   // "signed_out" or "locked": nothing more can be saved on this page
  var retryTimer = null;
  var failures = 0;     // failed attempts in a row: the pause before the next one doubles

  // --- small helpers ---------------------------------------------------------------------

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, name) { return values[name]; });
  }

  // The text for a count: the singular form (data-…-one) for 1, else the plural.
  function plural(one, other, count) {
    return fill(count === 1 ? one : other, { count: count });
  }

  function setStatus(text, kind) {
    [statusEl, mirrorEl].forEach(function (el) {
      if (!el) { return; }
      el.textContent = text;
      el.classList.toggle("save-status--saved", kind === "saved");
      el.classList.toggle("save-status--problem", kind === "problem");
    });
  }

  var storage = (function () {
    try {
      var probe = scope + "probe";
      window.localStorage.setItem(probe, "1");
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (e) { return null; }
  })();

  function readDraft(field) {
    if (!storage) { return null; }
    try { return JSON.parse(storage.getItem(scope + field.key)); } catch (e) { return null; }
  }

  function writeDraft(field) {
    if (!storage) { return; }
    try {
      storage.setItem(scope + field.key, JSON.stringify({
        value: getValue(field), version: field.version, at: new Date().toISOString()
      }));
    } catch (e) { /* storage full: the server copy still counts */ }
  }

  function dropDraft(field) {
    if (storage) { storage.removeItem(scope + field.key); }
  }

  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

  // --- fields ----------------------------------------------------------------------------

  function getValue(field) {
    var inputs = field.el.querySelectorAll("[data-input]");
    if (field.type === "open") { return inputs[0].value; }
    var chosen = [];
    inputs.forEach(function (input) { if (input.checked) { chosen.push(input.value); } });
    return field.multiple ? chosen : (chosen[0] || "");
  }

  function setValue(field, value) {
    var inputs = field.el.querySelectorAll("[data-input]");
    if (field.type === "open") {
      inputs[0].value = value || "";
    } else {
      var chosen = Array.isArray(value) ? value : (value ? [value] : []);
      inputs.forEach(function (input) { input.checked = chosen.indexOf(input.value) !== -1; });
    }
    afterChange(field);
  }

  function display(field, value) {
    if (field.type === "open") { return value || msg.empty; }
    var chosen = Array.isArray(value) ? value : (value ? [value] : []);
    if (!chosen.length) { return msg.empty; }
    return chosen.map(function (v) {
      var input = field.el.querySelector('[data-input][value="' + CSS.escape(v) + '"]');
      var label = input && field.el.querySelector('label[for="' + input.id + '"]');
      return label ? label.textContent.trim() : v;
    }).join("; ");
  }

  function setVersion(field, version) {
    field.version = version;
    field.el.dataset.version = String(version);
    var hidden = field.el.querySelector("[data-version-input]");
    if (hidden) { hidden.value = String(version); }
  }

  function showError(field, text) {
    var error = field.el.querySelector("[data-autosave-error]");
    var target = field.type === "open" ? field.el.querySelector("[data-input]") : field.el.querySelector("fieldset");
    var described = (target.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    var id = field.el.id + "-autosave-error";
    if (!text) {
      if (error) { error.remove(); }
      target.setAttribute("aria-describedby", described.filter(function (d) { return d !== id; }).join(" "));
      target.removeAttribute("aria-invalid");
      return;
    }
    if (!error) {
      error = document.createElement("p");
      error.className = "utrecht-form-field-error-message";
      error.setAttribute("data-autosave-error", "");
      error.id = id;
      field.el.insertBefore(error, field.el.querySelector("label, fieldset"));
      target.setAttribute("aria-describedby", described.concat([id]).join(" "));
    }
    target.setAttribute("aria-invalid", "true");
    error.textContent = text;
  }

  function updateCounter(field) {
    var counter = field.el.querySelector("[data-counter]");
    if (counter && field.type === "open") {
      counter.textContent = "· " + plural(msg.charsOne, msg.chars, getValue(field).length);
    }
  }

  function updateClear(field) {
    var clear = field.el.querySelector("[data-clear]");
    if (clear) { clear.hidden = !getValue(field); }
  }

  function afterChange(field) {
    updateCounter(field);
    updateClear(field);
    applyConditions(field);
  }

  // --- conditional questions -------------------------------------------------------------

  function applyConditions(controller) {
    fields.forEach(function (field) {
      var el = field.el;
      if (el.dataset.conditionQuestion !== controller.question || field.municipality !== controller.municipality) { return; }
      var wanted = el.dataset.conditionValues.split(" ");
      var value = getValue(controller);
      var given = Array.isArray(value) ? value : (value ? [value] : []);
      var shown = given.some(function (v) { return wanted.indexOf(v) !== -1; });
      var was = !el.hidden;
      el.hidden = !shown;
      var card = el.closest("[data-question-card]");
      if (card) { card.hidden = !card.querySelector("[data-field]:not([hidden])"); }
      if (shown && !was && field.dirty) { schedule(field, 0); }
    });
  }

  // --- saving ----------------------------------------------------------------------------

  function schedule(field, delay) {
    field.dirty = true;
    clearTimeout(field.timer);
    field.timer = setTimeout(function () { enqueue(field); }, delay);
  }

  function enqueue(field) {
    if (field.conflict || stopped) { return; }
    if (queue.indexOf(field) === -1) { queue.push(field); }
    pump();
  }

  function pump() {
    if (busy || offline || stopped || !queue.length) { return; }
    var field = queue.shift();
    if (field.conflict || field.el.hidden) { pump(); return; }
    busy = true;
    var sent = getValue(field);
    setStatus(msg.saving);
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": csrfToken },
      body: JSON.stringify({ municipality: field.municipality, question: field.question, value: sent, version: field.version })
    }).then(function (response) {
      var json = (response.headers.get("Content-Type") || "").indexOf("application/json") !== -1;
      var retryAfter = parseInt(response.headers.get("Retry-After"), 10) || 0;
      return (json ? response.json().catch(function () { return null; }) : Promise.resolve(null)).then(function (data) {
        handle(field, sent, response.status, data, retryAfter);
      });
    }).catch(function () {
      goOffline(field, msg.offline);
    }).then(function () {
      busy = false;
      pump();
    });
  }

  function handle(field, sent, status, data, retryAfter) {
    if (status >= 500) {
      goOffline(field, msg.serverError, retryAfter);  // reached, but could not save: try again later
      return;
    }
    failures = 0;
    if (status === 200 && data) {
      setVersion(field, data.version);
      showError(field, null);
      if (same(getValue(field), sent)) {
        field.dirty = false;
        dropDraft(field);
      } else {
        writeDraft(field);  // typed on while saving: the draft now builds on the new version
        schedule(field, TEXT_DELAY);
      }
      setStatus(data.message, "saved");
      updateProgress(data.progress);
      return;
    }
    if (data && status === 409 && data.error === "conflict") {
      showConflict(field, sent, data);
      setStatus(msg.conflict, "problem");
      return;
    }
    if (data && status === 409 && data.error === "locked") {
      stopped = "locked";
      setStatus(data.message, "problem");
      return;
    }
    if (data && status === 422 && data.error === "hidden") { return; }  // the draft waits until shown again
    if (data && status === 400 && data.error === "csrf") {
      stopped = "signed_out";  // the session that issued the token has ended
      queue.unshift(field);
      setStatus(msg.signedOut, "problem");
      return;
    }
    if (data && (status === 422 || status === 403 || status === 400 || status === 413)) {
      showError(field, data.message);
      setStatus(fill(msg.error, { message: data.message }), "problem");
      return;
    }
    if (status === 401 || status === 400 || status === 403 || status === 404) {
      // Not signed in any more (the session's CSRF token is gone, or this browser signed in
      // for another conversation since): keep everything here.
      stopped = "signed_out";
      queue.unshift(field);
      setStatus(msg.signedOut, "problem");
      return;
    }
    goOffline(field, msg.serverError, retryAfter);  // an answer we cannot read (a proxy's page): try again later
  }

  // Waits before the next attempt: doubling from RETRY_DELAY up to RETRY_MAX, at least Retry-After.
  function goOffline(field, text, retryAfter) {
    offline = true;
    if (queue.indexOf(field) === -1) { queue.unshift(field); }
    var delay = Math.min(RETRY_DELAY * Math.pow(2, failures), RETRY_MAX);
    delay = Math.max(delay, (retryAfter || 0) * 1000);
    failures += 1;
    setStatus(fill(text, { seconds: Math.round(delay / 1000) }), "problem");
    clearTimeout(retryTimer);
    retryTimer = setTimeout(backOnline, delay);
  }

  function backOnline() {
    clearTimeout(retryTimer);
    if (!offline) { return; }
    offline = false;
    pump();
  }

  function updateProgress(progress) {
    if (!progress) { return; }
    [["progress-theme", progress.theme], ["progress-total", progress.conversation]].forEach(function (pair) {
      var meter = document.getElementById(pair[0]);
      if (!meter || !pair[1]) { return; }
      meter.querySelector("[data-progress-text]").textContent = fill(meter.dataset.template, pair[1]);
      var bar = meter.querySelector("progress");
      bar.max = pair[1].total || 1;
      bar.value = pair[1].answered;
    });
    var count = document.querySelector("[data-theme-count]");
    if (count && progress.theme) {
      count.textContent = count.textContent.replace(/\d+(\D+)\d+/, progress.theme.answered + "$1" + progress.theme.total);
    }
  }

  // --- conflicts -------------------------------------------------------------------------

  // One side of a conflict from the server's word diff ([kind, text] pairs): the words only this
  // side has in <ins>/<del>, with the spoken cue the page template also has. textContent only.
  function fillDiff(el, segments, fallback) {
    el.textContent = "";
    if (!segments || !segments.length) { el.textContent = fallback; return; }
    segments.forEach(function (segment) {
      if (segment[0] === "equal") { el.appendChild(document.createTextNode(segment[1])); return; }
      var mark = document.createElement(segment[0] === "inserted" ? "ins" : "del");
      mark.className = "diff diff--" + (segment[0] === "inserted" ? "ins" : "del");
      var start = document.createElement("span");
      start.className = "visually-hidden";
      start.textContent = (segment[0] === "inserted" ? msg.diffIns : msg.diffDel) + " ";
      var end = document.createElement("span");
      end.className = "visually-hidden";
      end.textContent = " " + msg.diffEnd;
      mark.appendChild(start);
      mark.appendChild(document.createTextNode(segment[1]));
      mark.appendChild(end);
      el.appendChild(mark);
    });
  }

  function showConflict(field, mine, data) {
    var template = document.getElementById("conflict-template");
    var old = field.el.querySelector("[data-conflict]");
    if (old) { old.remove(); }
    var panel = template.content.firstElementChild.cloneNode(true);
    var open = field.type === "open";
    panel.querySelector("[data-conflict-message]").textContent = data.message;
    var diff = data.diff || {};
    fillDiff(panel.querySelector("[data-mine]"), diff.mine, display(field, mine));
    fillDiff(panel.querySelector("[data-theirs]"), diff.theirs, display(field, data.current.value));
    if (data.current.by) { panel.querySelector("[data-theirs-by]").textContent = " – " + data.current.by; }
    panel.querySelectorAll("[data-merge-only]").forEach(function (el) { el.hidden = !open; });
    panel.querySelectorAll("[data-choice-only]").forEach(function (el) { el.hidden = open; });
    var save = panel.querySelector('[data-action="save-merged"]');
    if (!open) { save.textContent = save.dataset.choiceLabel; }
    panel.querySelectorAll("button[name]").forEach(function (button) { button.value = field.municipality + "-" + field.question; });
    var hint = panel.querySelector("[data-conflict-hint]");
    hint.id = field.el.id + "-conflict-hint";
    field.el.insertBefore(panel, field.el.querySelector("label, fieldset"));
    var target = open ? field.el.querySelector("[data-input]") : field.el.querySelector("fieldset");
    var described = (target.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    if (described.indexOf(hint.id) === -1) { target.setAttribute("aria-describedby", described.concat([hint.id]).join(" ")); }
    field.conflict = { mine: mine, theirs: data.current.value, version: data.current.version };
    markGeneralSave();
    if (open && typeof data.merged === "string") {
      var label = field.el.querySelector("label.answer-field__label");
      if (label && !label.querySelector("[data-merged-label]")) {
        var note = document.createElement("span");
        note.setAttribute("data-merged-label", "");
        note.textContent = " – " + msg.mergedLabel;
        label.appendChild(note);
      }
      // The answer box becomes the merged text: the newer text with the user's words added.
      field.el.querySelector("[data-input]").value = data.merged;
      updateCounter(field);
      writeDraft(field);
    }
    wireConflict(field, panel);
    panel.scrollIntoView({ block: "center" });
  }

  function wireConflict(field, panel) {
    panel.querySelectorAll("[data-action]").forEach(function (button) {
      // A click, or Enter in the form (the browser "clicks" the first submit button: save merged).
      button.addEventListener("click", function (event) {
        event.preventDefault();
        var conflict = field.conflict;
        if (!conflict) { return; }
        var action = button.dataset.action;
        field.conflict = null;
        panel.remove();
        var note = field.el.querySelector("[data-merged-label]");
        if (note) { note.remove(); }
        markGeneralSave();
        setVersion(field, conflict.version);
        if (action === "take-theirs") {
          setValue(field, conflict.theirs);
          field.dirty = false;
          dropDraft(field);
          return;
        }
        if (action === "keep-mine") { setValue(field, conflict.mine); }
        writeDraft(field);
        schedule(field, 0);
      });
    });
  }

  // While a conflict is open, its "save merged" is the one primary action on the page.
  function markGeneralSave() {
    var general = form.querySelector("[data-general-save]");
    if (!general) { return; }
    var open = false;
    fields.forEach(function (f) { if (f.conflict) { open = true; } });
    general.classList.toggle("utrecht-button--primary-action", !open);
    general.classList.toggle("utrecht-button--secondary-action", open);
  }

  function adoptServerConflict(field) {
    // A conflict the server showed after a plain post: same buttons, handled here. The field
    // still holds the old version; the newer one is in the panel.
    var panel = field.el.querySelector("[data-conflict]");
    if (!panel) { return; }
    var theirsEl = panel.querySelector("[data-theirs]");
    var theirs = null;
    try { theirs = JSON.parse(theirsEl.dataset.theirsValue); } catch (e) { theirs = ""; }
    var mineEl = panel.querySelector("[data-mine-value]");
    var resolved = panel.querySelector("[data-resolved-version]");
    field.conflict = {
      mine: mineEl ? mineEl.value : getValue(field), theirs: theirs,
      version: resolved ? parseInt(resolved.value, 10) || 0 : field.version
    };
    wireConflict(field, panel);
  }

  // --- drafts left from an earlier visit -------------------------------------------------

  function offerRestore() {
    var offer = document.querySelector("[data-restore-offer]");
    var waiting = [];
    fields.forEach(function (field) {
      var draft = readDraft(field);
      if (!draft) { return; }
      if (same(draft.value, getValue(field))) { dropDraft(field); return; }
      if (!field.el.hidden) { waiting.push([field, draft]); }
    });
    if (!offer || !waiting.length) { return; }
    offer.querySelector("[data-restore-count]").textContent = plural(msg.restoreCountOne, msg.restoreCount, waiting.length);
    offer.hidden = false;
    offer.querySelector("[data-restore]").addEventListener("click", function () {
      waiting.forEach(function (pair) {
        setValue(pair[0], pair[1].value);
        setVersion(pair[0], pair[1].version);  // its own base: a newer server version gives a conflict
        schedule(pair[0], 0);
      });
      offer.hidden = true;
    });
    offer.querySelector("[data-discard]").addEventListener("click", function () {
      waiting.forEach(function (pair) { dropDraft(pair[0]); });
      offer.hidden = true;
    });
  }

  // --- start -----------------------------------------------------------------------------

  form.querySelectorAll("[data-field][data-editable]").forEach(function (el) {
    var field = {
      el: el, key: el.dataset.municipality + ":" + el.dataset.question,
      municipality: parseInt(el.dataset.municipality, 10), question: el.dataset.question,
      type: el.dataset.type, multiple: el.hasAttribute("data-multiple"),
      version: parseInt(el.dataset.version, 10) || 0, timer: null, dirty: false, conflict: null
    };
    fields.set(field.key, field);
    el.querySelectorAll("[data-input]").forEach(function (input) {
      var isText = field.type === "open";
      input.addEventListener(isText ? "input" : "change", function () {
        writeDraft(field);
        afterChange(field);
        schedule(field, isText ? TEXT_DELAY : 0);
      });
      if (isText) {
        input.addEventListener("blur", function () { if (field.dirty) { schedule(field, 0); } });
      }
    });
    var clear = el.querySelector("[data-clear]");
    if (clear) {
      clear.addEventListener("click", function () {
        setValue(field, field.multiple ? [] : "");
        writeDraft(field);
        schedule(field, 0);
      });
    }
    updateCounter(field);
    updateClear(field);
    adoptServerConflict(field);
  });

  window.addEventListener("online", backOnline);
  window.addEventListener("offline", function () {
    offline = true;
    setStatus(msg.offline, "problem");
    clearTimeout(retryTimer);
    retryTimer = setTimeout(backOnline, RETRY_DELAY);
  });
  form.addEventListener("submit", function () {
    fields.forEach(function (field) { clearTimeout(field.timer); });
  });
  if (statusEl && msg.autosaveOn) { setStatus(msg.autosaveOn); }
  offerRestore();
})();
