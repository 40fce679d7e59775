"""The one vocabulary: every code has words, in Dutch and in English, and the models store exactly
the codes the vocabulary knows."""
from enum import StrEnum

import pytest
from babel.messages.pofile import read_po
from flask_babel import force_locale

from tests.unit.test_translations import CATALOGUE
from visitatie import i18n, vocabulary
from visitatie.models import CONSENTS, CONVERSATION_STATUSES, PARTICIPANT_ROLES, ROUND_KINDS, ROUND_STATUSES
from visitatie.vocabulary import Consent, ConversationStatus, Label, Role, label

KINDS = [kind for kind in vars(vocabulary).values()
         if isinstance(kind, type) and issubclass(kind, StrEnum) and kind is not StrEnum]


def english():
    with CATALOGUE.open("rb") as handle:
        return {m.id: m.string for m in read_po(handle) if m.id and not m.fuzzy}


def test_every_vocabulary_has_a_label_table():
    assert set(KINDS) == set(vocabulary.LABELS)


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.__name__)
def test_every_code_has_words(kind):
    assert set(vocabulary.LABELS[kind]) == {member.value for member in kind}
    assert all(isinstance(entry, Label) and entry.short for entry in vocabulary.LABELS[kind].values())


def test_every_word_has_an_english_translation():
    catalogue = english()
    missing = sorted(text for text in vocabulary.all_msgids() if not catalogue.get(text))
    assert missing == []


def test_the_models_store_the_vocabulary_codes():
    assert CONVERSATION_STATUSES == tuple(ConversationStatus)
    assert PARTICIPANT_ROLES == tuple(Role)
    assert set(CONSENTS) == set(Consent) - {Consent.VERVALLEN}
    assert ROUND_KINDS == ("gespreksronde", "visitatieronde") and ROUND_STATUSES == ("concept", "lopend", "afgerond")


def test_forms_fall_back_to_the_short_words():
    assert label(Role, "adviseur_oov") == "adviseur OOV"
    assert label(Role, "adviseur_oov", "long") == "adviseur openbare orde en veiligheid"
    assert label(Role, "burgemeester", "long") == "burgemeester"
    assert label(ConversationStatus, "vastgesteld", "visit") == "rapport vastgesteld"
    assert label((ConversationStatus, vocabulary.RoundStatus), "lopend") == "lopend"


def test_an_unknown_code_is_shown_as_it_is():
    assert label(Role, "wethouder") == "wethouder"
    assert label(Role, None) == ""
    with pytest.raises(ValueError):
        label(Role, "ciso", "kort")


def test_the_web_shows_the_words_in_the_users_language(app):
    with app.test_request_context():
        with force_locale("en"):
            assert i18n.label(ConversationStatus, "vastgesteld") == "report finalised"
            assert i18n.label(vocabulary.RoundStatus, "concept") == english()["concept"]
            assert i18n.label(Role, "wethouder") == "wethouder"
        with force_locale("nl"):
            assert i18n.label(ConversationStatus, "vastgesteld") == "verslag vastgesteld"
