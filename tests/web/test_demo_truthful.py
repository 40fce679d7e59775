"""The demo puts no words in a real person's mouth: its people are fictional (no demo name occurs in
the magazine), its quotes are anonymous, and the only named quotes anywhere are the magazine's own,
verbatim, with their source."""
import re
from pathlib import Path

from sqlalchemy import select

from visitatie.extensions import db
from visitatie.guides.registry import current_guides
from visitatie.models import Mark, Person, User
from visitatie.models.opbrengst import Publication

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


def magazine() -> str:
    """The magazine's text with PDF line breaks and hyphenation undone, for searching."""
    text = "\n".join(path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt")))
    text = re.sub(r"-\s*\n\s*", "", text)  # words broken at the end of a line
    return re.sub(r"\s+", " ", text).replace("’", "'").replace("‘", "'")


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).replace("’", "'").replace("‘", "'").strip()


def test_no_demo_person_is_named_in_the_magazine(app, demo):
    source = magazine()
    with app.app_context():
        names = set(db.session.scalars(select(Person.name))) | set(db.session.scalars(select(User.name)))
        names |= {n for n in db.session.scalars(select(Mark.speaker_name)) if n}
    assert len(names) > 20
    assert sorted(name for name in names if name and name in source) == []


def test_the_demo_quotes_are_anonymous_and_the_speakers_own_choice(app, published_demo):
    with app.app_context():
        quotes = db.session.scalars(select(Mark).where(Mark.kind == "citaat")).all()
        assert quotes and all(q.consent in ("gevraagd", "anoniem", "niet_publiceren") for q in quotes)
        assert all(q.consented_text == q.current_text for q in quotes if q.consent == "anoniem")
        published = [quote for p in db.session.scalars(select(Publication))
                     for theme in p.snapshot.get("themes") or [] if (quote := theme.get("quote"))]
    assert published, "the demo publishes a quote"
    assert all(q["speaker"].startswith("een ") and not q["function"] for q in published)


def test_named_quotes_are_the_magazines_own_verbatim_with_their_source(app):
    source = magazine()
    with app.app_context():
        guides = current_guides()
    for guide in guides:
        quote = guide.quote
        if quote is None:
            continue
        assert flat(quote.text) in source, (guide.number, quote.text[:60])
        assert quote.speaker in source
        assert quote.source == "VNG-magazine Digitale veiligheid, 2024"


def test_practice_examples_carry_no_invented_address(app):
    with app.app_context():
        guides = current_guides()
    for guide in guides:
        example = guide.practice_example
        if example is not None:
            assert not getattr(example, "url", None)
            assert example.municipality in magazine()


def test_demo_addresses_pass_the_apps_own_email_check(app, demo):
    from wtforms.validators import Email, ValidationError

    from visitatie.web.planning.forms import ParticipantForm

    check = next(v for v in ParticipantForm.email.kwargs["validators"] if isinstance(v, Email))
    with app.app_context():
        addresses = [e for e in db.session.scalars(select(Person.email)) if e]
    assert addresses and all(address.endswith("@example.org") for address in addresses)

    class Field:
        def __init__(self, data):
            self.data = data
            self.gettext = lambda text: text

    for address in addresses:
        try:
            check(None, Field(address))
        except ValidationError as refused:
            raise AssertionError(f"{address}: {refused}") from None
