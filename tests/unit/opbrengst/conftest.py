"""Domain tests of the opbrengst: a real SQLite database with the 342 municipalities and the five
themes, no Flask application, and a small dataset whose every figure is computed by hand below.

Round A (2024, all five themes)
  C1 gehouden     Haarlem + Maastricht   1 Feb 2024
  C2 vastgesteld  Delft + Utrecht        14 Mar 2024 23:30 UTC = 15 Mar 00:30 in Amsterdam
  C3 gepland      Breda + Oss            answers, but not held: never counted
Round B (2025, themes 1 and 3 only)
  C5 gehouden     Haarlem + Delft        10 Feb 2025

leiderschap.ivp (ja/nee/deels, headline), round A: Haarlem ja, Maastricht nee, Delft deels,
  Utrecht no answer; Breda (C3) ja and Breda in C1 (not a municipality of C1) ja: both ignored.
  -> n 3, ja 1, nee 1, deels 1, missing 1. Round B: Haarlem ja, Delft ja -> n 2, ja 2.
leiderschap.ivp_waarom_niet (open, shown when ivp is nee or deels): Maastricht answers (counted),
  Haarlem has a stale answer while ivp is ja (hidden: not counted), Delft none -> expected 2, n 1.
leiderschap.ciso_oov: Haarlem "misschien" (invalid: missing), Maastricht ja, Delft ja, Utrecht nee.
leiderschap.uitvoering (scale): Haarlem 2, Maastricht 4, Delft 5, Utrecht 4
  -> n 4, mean 3.75, median 4.0, distribution 0/1/0/2/1.
leiderschap.portefeuilles (multiple): Haarlem [burgemeester, bedrijfsvoering], Maastricht
  [burgemeester], Delft "" (missing), Utrecht [anders] -> n 3, burgemeester 2, bedrijfsvoering 1, anders 1.
eigen-huis (theme 3): answers only in C1 -> coverage 1 of 2 conversations in round A.
europa.impact answered in C5, but round B has no theme 2: ignored.
"""
from datetime import date, datetime, timezone

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests import factories
from visitatie.models import Answer, Conversation, Mark, Municipality, Participation, Round, Theme

POPULATIONS = {"Haarlem": 162_000, "Maastricht": 99_999, "Delft": 100_000, "Utrecht": None}

@pytest.fixture
def session(reference_session):
    """With the municipalities and themes (tests/unit/conftest.py)."""
    return reference_session


class World:
    """The hand-computed dataset; attributes name its rounds, conversations and marks. Its rows come
    from tests/factories.py; the methods keep the short positional form the tests below read."""

    def __init__(self, session: Session):
        self.session = session
        self.towns = {m.name: m for m in session.scalars(select(Municipality))}
        for name, population in POPULATIONS.items():
            self.towns[name].population = population
        themes = list(session.scalars(select(Theme).order_by(Theme.number)))
        self.round_a = self.round("Bestuurlijke gespreksronde 2024", date(2024, 1, 8), themes)
        self.round_b = self.round("Bestuurlijke gespreksronde 2025", date(2025, 1, 8),
                                  [t for t in themes if t.number in (1, 3)])
        self.c1 = self.conversation(self.round_a, ("Haarlem", "Maastricht"), datetime(2024, 2, 1, 13, 0), "gehouden")
        self.c2 = self.conversation(self.round_a, ("Delft", "Utrecht"), datetime(2024, 3, 14, 23, 30), "vastgesteld")
        self.c3 = self.conversation(self.round_a, ("Breda", "Oss"), datetime(2024, 5, 1, 9, 0), "gepland")
        self.c5 = self.conversation(self.round_b, ("Haarlem", "Delft"), datetime(2025, 2, 10, 9, 0), "gehouden")
        self.speaker_haarlem = self.participant(self.c1, "Jos Wiersma", "burgemeester van Haarlem", "burgemeester",
                                                "Haarlem")
        self.speaker_maastricht = self.participant(self.c1, "K. Visser", "CISO Maastricht", "ciso", "Maastricht")
        self.participant(self.c1, "Pieter Dekker", "burgemeester van Breda", "gespreksleider", "Breda")

        a = self.answer
        a(self.c1, "Haarlem", "leiderschap.ivp", "ja")
        a(self.c1, "Maastricht", "leiderschap.ivp", "nee")
        a(self.c2, "Delft", "leiderschap.ivp", "deels")
        a(self.c3, "Breda", "leiderschap.ivp", "ja")
        a(self.c1, "Breda", "leiderschap.ivp", "ja")  # Breda is not in C1
        a(self.c1, "Maastricht", "leiderschap.ivp_waarom_niet", "Er is geen capaciteit.")
        a(self.c1, "Haarlem", "leiderschap.ivp_waarom_niet", "Oud antwoord van toen het IVP nog ontbrak.")
        a(self.c1, "Haarlem", "leiderschap.ciso_oov", "misschien")
        a(self.c1, "Maastricht", "leiderschap.ciso_oov", "ja")
        a(self.c2, "Delft", "leiderschap.ciso_oov", "ja")
        a(self.c2, "Utrecht", "leiderschap.ciso_oov", "nee")
        for town, level in (("Haarlem", "2"), ("Maastricht", "4"), ("Delft", "5"), ("Utrecht", "4")):
            a(self.c1 if town in ("Haarlem", "Maastricht") else self.c2, town, "leiderschap.uitvoering", level)
        a(self.c1, "Haarlem", "leiderschap.portefeuilles", '["burgemeester", "bedrijfsvoering"]')
        a(self.c1, "Maastricht", "leiderschap.portefeuilles", '["burgemeester"]')
        a(self.c2, "Delft", "leiderschap.portefeuilles", "")
        a(self.c2, "Utrecht", "leiderschap.portefeuilles", '["anders"]')
        a(self.c1, "Haarlem", "oud.vraag", "ja")  # a question no guide knows
        # Lessons (theme 1), marked on open answers.
        self.lesson_haarlem = self.mark(a(self.c1, "Haarlem", "leiderschap.eigenaarschap",
                                          "De burgemeester is eigenaar."), "les")
        self.lesson_maastricht = self.mark(a(self.c1, "Maastricht", "leiderschap.eigenaarschap",
                                             "Bij ons ligt het bij de secretaris; de burgemeester is eigenaar."),
                                           "les", passage="de burgemeester is eigenaar.")
        self.lesson_delft = self.mark(a(self.c2, "Delft", "leiderschap.eigenaarschap",
                                        "De burgemeester is eigenaar"), "les")
        self.lesson_utrecht = self.mark(a(self.c2, "Utrecht", "leiderschap.eigenaarschap", "Oefen met de raad."), "les")
        self.lesson_breda = self.mark(a(self.c3, "Breda", "leiderschap.eigenaarschap", "Niet gehouden."), "les")
        # Quotes (theme 3), only in C1.
        self.quote_named = self.mark(a(self.c1, "Haarlem", "eigen-huis.losgeld", "Wij betalen nooit losgeld."),
                                     "citaat", "met_naam", self.speaker_haarlem)
        self.quote_names_town = self.mark(a(self.c1, "Maastricht", "eigen-huis.losgeld",
                                            "In Maastricht hebben we daar nog geen beleid voor."),
                                          "citaat", "anoniem", self.speaker_maastricht)
        self.quote_anonymous = self.mark(a(self.c1, "Maastricht", "eigen-huis.dataminimalisatie",
                                           "Wat je niet opslaat, kan ook niet lekken."),
                                         "citaat", "anoniem", self.speaker_maastricht)
        self.quote_secret = self.mark(a(self.c1, "Haarlem", "eigen-huis.dataminimalisatie",
                                        "GEHEIM: onze back-ups staan op één schijf."),
                                      "citaat", "niet_publiceren", self.speaker_haarlem)
        # Round B.
        a(self.c5, "Haarlem", "leiderschap.ivp", "ja")
        a(self.c5, "Delft", "leiderschap.ivp", "ja")
        a(self.c5, "Haarlem", "europa.impact", "ja")  # theme 2 is not in round B
        session.commit()

    def grow(self, towns=("Zwolle", "Venlo")) -> Conversation:
        """One more held conversation in round A without answers: 6 municipalities, enough to publish
        (opbrengst/disclosure.py asks at least 5); the hand-computed counts stay, only 'missing' grows."""
        conversation = self.conversation(self.round_a, towns, datetime(2024, 4, 2, 10, 0), "gehouden")
        self.session.commit()
        return conversation

    def round(self, title, start, themes) -> Round:
        return factories.round_(self.session, title=title, period_start=start, period_end=date(start.year, 6, 30),
                                status="concept", themes=themes)

    def conversation(self, round_, towns, start, status) -> Conversation:
        return factories.conversation(self.session, round_, [self.towns[t] for t in towns],
                                      starts_at=start.replace(tzinfo=timezone.utc), status=status)

    def participant(self, conversation, name, function, role, town) -> Participation:
        return factories.participant(self.session, conversation, role, self.towns[town], name=name, function=function,
                                     email=None)

    def answer(self, conversation, town, question_id, value) -> Answer:
        return factories.answer(self.session, conversation, self.towns[town], question_id, value)

    def mark(self, answer, kind, consent="niet_publiceren", speaker=None, passage=None) -> Mark:
        return factories.mark(self.session, answer, kind, consent=consent, speaker=speaker, passage=passage)


@pytest.fixture
def world(session) -> World:
    return World(session)


@pytest.fixture
def curated(session, guides, world) -> World:
    """Round A made publishable (six municipalities), with a main lesson and theme 3 curated
    around the named, consented quote."""
    from visitatie.opbrengst.curation import (
        RoundCurationInput,
        ThemeCurationInput,
        save_round_curation,
        save_theme_curation,
    )

    world.grow()
    save_round_curation(session, world.round_a, RoundCurationInput("", "Digitale veiligheid is chefsache.", ""),
                        "Anna", 0)
    save_theme_curation(session, guides, world.round_a, 3, ThemeCurationInput(
        "Borg de bedrijfscontinuïteit", ("Alles is digitaal.",), world.quote_named.id), "Anna", 0)
    return world
