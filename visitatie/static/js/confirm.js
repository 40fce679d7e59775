/* Confirmation before what cannot be undone: a form with data-confirm opens a dialog that says what
   will happen (and what looks wrong) before it is sent. Without this script the server shows a
   confirmation page instead (web/confirmation.py), so nothing depends on it. */
(function () {
  "use strict";

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  function ask(form, submitter) {
    var dialog = element("dialog", "confirm-dialog");
    dialog.setAttribute("aria-labelledby", "confirm-dialog-title");
    dialog.setAttribute("aria-describedby", "confirm-dialog-text");
    var title = element("h2", "utrecht-heading-2", form.dataset.confirmTitle);
    title.id = "confirm-dialog-title";
    var text = element("p", "utrecht-paragraph", form.dataset.confirm);
    text.id = "confirm-dialog-text";
    dialog.appendChild(title);
    dialog.appendChild(text);
    if (form.dataset.confirmWarning) {
      var alert = element("div", "utrecht-alert utrecht-alert--warning");
      alert.appendChild(element("p", "utrecht-paragraph", form.dataset.confirmWarning));
      dialog.appendChild(alert);
    }
    var buttons = element("div", "utrecht-button-group");
    var yes = element("button", "utrecht-button utrecht-button--primary-action", form.dataset.confirmButton);
    var no = element("button", "utrecht-button utrecht-button--secondary-action", form.dataset.confirmCancel);
    yes.type = no.type = "button";
    buttons.appendChild(yes);
    buttons.appendChild(no);
    dialog.appendChild(buttons);

    function close() {
      dialog.close();
      dialog.remove();
      if (submitter) { submitter.focus(); }
    }
    no.addEventListener("click", close);
    dialog.addEventListener("cancel", function (event) { event.preventDefault(); close(); });
    yes.addEventListener("click", function () {
      var confirmed = element("input");
      confirmed.type = "hidden";
      confirmed.name = "bevestigd";
      confirmed.value = "ja";
      form.appendChild(confirmed);
      form.dataset.confirmed = "ja";
      close();
      if (form.requestSubmit) { form.requestSubmit(submitter || undefined); } else { form.submit(); }
      // The page may stay (a download): the next click asks again.
      window.setTimeout(function () { confirmed.remove(); delete form.dataset.confirmed; }, 0);
    });
    document.body.appendChild(dialog);
    dialog.showModal();
    no.focus();  // the safe choice has the focus
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-confirm")) { return; }
    if (form.dataset.confirmed === "ja") { return; }
    event.preventDefault();
    ask(form, event.submitter);
  });
}());
