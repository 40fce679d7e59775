"""Flash messages that carry a link (after creating something, a way to it).

Text and link travel as plain data and base.html builds the anchor, escaped like every other
message, so no HTML is ever stored in the session or built in a view."""
from flask import flash


def flash_link(text: str, link_text: str, url: str, category: str = "success") -> None:
    # Flask's stubs say str; flash stores any value the session serialiser takes, and base.html reads the dict.
    flash({"text": text, "link_text": link_text, "url": url}, category)  # type: ignore[arg-type]
