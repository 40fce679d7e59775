"""The permission matrix, role by role, and who stays signed in through a personal link."""
from datetime import timedelta

import pytest
from flask_login import AnonymousUserMixin

from tests.factories import participant, person
from visitatie.conversations import invitations
from visitatie.conversations.permissions import (
    NOTHING,
    ParticipantPrincipal,
    actor_name,
    can_edit_municipality,
    can_finalise,
    can_mark,
    can_read,
    can_see_history,
    capabilities,
    load_participant,
)
from visitatie.models import User
from visitatie.models.types import utcnow

BOTH, HAARLEM, MAASTRICHT, NONE = "both", "haarlem", "maastricht", "none"

# principal -> (read, may edit, finalise, mark, history) in conversation A
MATRIX = {
    "projectleider": (True, BOTH, True, True, True),
    "gespreksleider": (True, BOTH, True, True, False),
    "commissielid": (True, BOTH, True, True, False),
    "secretaris": (True, BOTH, True, True, False),
    "projectleider_link": (True, BOTH, True, True, True),
    "notulist": (True, BOTH, False, True, False),
    "burgemeester_haarlem": (True, HAARLEM, False, False, False),
    "ciso_maastricht": (True, MAASTRICHT, False, False, False),
    "burgemeester_other_conversation": (False, NONE, False, False, False),
    "anonymous": (False, NONE, False, False, False),
    # a municipal role whose municipality is not in the conversation: reads, edits nothing
    "deelnemer_of_another_municipality": (True, NONE, False, False, False),
}


def principal_for(name, world, session):
    if name == "projectleider":
        return User(id=1, email="pl@example.org", name="Projectleider", role="projectleider", password_hash="x",
                    active=True)
    if name == "anonymous":
        return AnonymousUserMixin()
    fixed = {"gespreksleider": world.leader, "notulist": world.note_taker, "burgemeester_haarlem": world.mayor,
             "ciso_maastricht": world.ciso, "burgemeester_other_conversation": world.other_mayor}
    if name in fixed:
        return ParticipantPrincipal(fixed[name])
    role = {"commissielid": "commissielid", "secretaris": "secretaris", "projectleider_link": "projectleider",
            "deelnemer_of_another_municipality": "burgemeester"}[name]
    participation = participant(session, world.a, role, world.delft if role == "burgemeester" else None,
                                person=person(session, f"Iemand {name}", email=None))
    session.commit()
    return ParticipantPrincipal(participation)


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_permission_matrix(name, world, session):
    read, edit, finalise, mark, history = MATRIX[name]
    principal = principal_for(name, world, session)
    caps = capabilities(principal, world.a)
    expected_edit = {BOTH: {world.haarlem.id, world.maastricht.id}, HAARLEM: {world.haarlem.id},
                     MAASTRICHT: {world.maastricht.id}, NONE: set()}[edit]
    assert caps.can_read is read
    assert set(caps.editable_municipalities) == expected_edit
    assert caps.can_finalise is finalise
    assert caps.can_mark is mark
    assert caps.can_see_history is history
    # the single-question functions say the same as the capabilities
    assert can_read(principal, world.a) is read
    assert can_finalise(principal, world.a) is finalise
    assert can_mark(principal, world.a) is mark
    assert can_see_history(principal, world.a) is history
    assert can_edit_municipality(principal, world.a, world.haarlem) is (world.haarlem.id in expected_edit)
    assert can_edit_municipality(principal, world.a, world.maastricht.id) is (world.maastricht.id in expected_edit)


def test_a_participant_of_a_has_nothing_in_b(world):
    for participation in (world.leader, world.note_taker, world.mayor, world.ciso):
        assert capabilities(ParticipantPrincipal(participation), world.b) == NOTHING


def test_no_conversation_or_no_principal_gives_nothing(world):
    assert capabilities(None, world.a) == NOTHING
    assert capabilities(ParticipantPrincipal(world.mayor), None) == NOTHING


def test_a_participant_stays_signed_in_only_while_a_link_is_valid(world, session):
    assert load_participant(session, world.mayor.id) is None  # never invited
    invitation, _token = invitations.issue(session, world.mayor, days_valid=30)
    session.commit()
    principal = load_participant(session, world.mayor.id)
    assert principal == ParticipantPrincipal(world.mayor)
    assert principal.get_id() == f"participation:{world.mayor.id}"
    assert principal.is_authenticated and not principal.is_projectleider

    invitations.issue(session, world.mayor, days_valid=30)  # re-issued: the session goes on
    session.commit()
    assert load_participant(session, world.mayor.id) is not None

    assert load_participant(session, world.mayor.id, now=utcnow() + timedelta(days=31)) is None  # expired

    invitations.revoke_all(session, world.mayor)
    session.commit()
    assert load_participant(session, world.mayor.id) is None  # revoked
    assert load_participant(session, 999_999) is None


def test_actor_names(world):
    assert actor_name(ParticipantPrincipal(world.mayor)) == "Jos Wiersma"
    assert actor_name(User(email="pl@example.org", name="", role="projectleider",
                           password_hash="x")) == "pl@example.org"
