"""Findings, recommendations with their follow-up statuses, the bestuurlijke reactie and consent."""
from dataclasses import replace
from datetime import date, datetime, timezone

import pytest

from tests.visit_world import hold
from visitatie.conversations.finalising import finalise
from visitatie.models.visits import Recommendation, RecommendationEvent
from visitatie.scheduling import change_status as change_conversation_status
from visitatie.visits import (
    InvalidInput,
    RecommendationInput,
    StaleEdit,
    VisitLocked,
    add_finding,
    add_recommendation,
    change_status,
    delete_finding,
    ensure_visit,
    findings_of,
    recommendations_of,
    response_of,
    save_response,
    set_consent,
    update_recommendation,
)

IVP = RecommendationInput(1, "hoog", "burgemeester", date(2025, 6, 1),
                          "Voer het gesprek met de raad over de publieke waarden.")


def test_findings_are_kept_per_theme(session, guides, world):
    add_finding(session, guides, world.first, 3, "Het BCP is nooit geoefend.", "Pieter Dekker")
    add_finding(session, guides, world.first, 1, "De CISO en de adviseur OOV kennen elkaar.", "Mara Smit")
    assert [(f.theme_number, f.created_by) for f in findings_of(session, world.first)] == [
        (1, "Mara Smit"), (3, "Pieter Dekker")]
    with pytest.raises(InvalidInput) as caught:
        add_finding(session, guides, world.first, None, " ", "Paul")
    assert caught.value.by_field == {"theme_number": "unknown_theme", "text": "text_required"}
    delete_finding(session, world.first, findings_of(session, world.first)[0])
    assert len(findings_of(session, world.first)) == 1


def test_a_recommendation_round_trips_with_theme_priority_owner_and_deadline(session, guides, world):
    add_recommendation(session, guides, world.first, RecommendationInput(
        3, "middel", "ciso", date(2025, 3, 1), "Oefen het BCP met de leveranciers."), "Pieter Dekker")
    add_recommendation(session, guides, world.first, IVP, "Pieter Dekker")
    session.expire_all()
    rows = recommendations_of(session, world.first)
    assert [(r.theme_number, r.priority, r.owner_role, r.deadline, r.status) for r in rows] == [
        (1, "hoog", "burgemeester", date(2025, 6, 1), "open"),
        (3, "middel", "ciso", date(2025, 3, 1), "open")]
    assert [(e.old_status, e.new_status, e.actor) for e in rows[0].events] == [(None, "open", "Pieter Dekker")]


def test_recommendation_problems_are_named_per_field(session, guides, world):
    with pytest.raises(InvalidInput) as caught:
        add_recommendation(session, guides, world.first, RecommendationInput(
            7, "dringend", "wethouder", date(2024, 10, 1), ""), "Paul")
    assert caught.value.by_field == {
        "theme_number": "unknown_theme", "priority": "unknown_priority", "owner_role": "unknown_owner",
        "deadline": "deadline_before_visit", "text": "text_required"}
    assert caught.value.params["visit_date"] == date(2024, 10, 8)
    with pytest.raises(InvalidInput) as caught:
        add_recommendation(session, guides, world.first, RecommendationInput(1, "hoog", "college", None, "x"), "Paul")
    assert caught.value.by_field == {"deadline": "deadline_required"}


def test_the_committee_corrects_a_recommendation_with_version_check(session, guides, world):
    recommendation = add_recommendation(session, guides, world.first, IVP, "Pieter Dekker")
    changed = RecommendationInput(1, "middel", "college", date(2025, 9, 1), IVP.text)
    update_recommendation(session, guides, world.first, recommendation, changed, "Mara Smit", base_version=1)
    assert (recommendation.priority, recommendation.owner_role, recommendation.version) == ("middel", "college", 2)
    with pytest.raises(StaleEdit):
        update_recommendation(session, guides, world.first, recommendation, IVP, "Pieter Dekker", base_version=1)


def test_follow_up_statuses_round_trip_with_history_after_the_report_is_final(session, guides, world):
    recommendation = add_recommendation(session, guides, world.first, IVP, "Pieter Dekker")
    hold(session, world.first)
    finalise(session, world.first, "Pieter Dekker")
    moment = datetime(2025, 2, 1, 9, 0, tzinfo=timezone.utc)
    change_status(session, world.first, recommendation, "in_uitvoering", "Raadsinformatieavond gepland",
                  "Jos Wiersma", base_version=1, now=moment)
    change_status(session, world.first, recommendation, "niet_overgenomen", "De raad koos voor een andere aanpak.",
                  "Jos Wiersma", base_version=2)
    session.expire_all()
    stored = session.get(Recommendation, recommendation.id)
    assert (stored.status, stored.status_reason, stored.version) == (
        "niet_overgenomen", "De raad koos voor een andere aanpak.", 3)
    assert [(e.old_status, e.new_status, e.note) for e in stored.events] == [
        (None, "open", ""), ("open", "in_uitvoering", "Raadsinformatieavond gepland"),
        ("in_uitvoering", "niet_overgenomen", "De raad koos voor een andere aanpak.")]
    assert stored.events[1].at == moment


def test_not_adopted_needs_a_reason_and_stale_status_changes_are_refused(session, guides, world):
    recommendation = add_recommendation(session, guides, world.first, IVP, "Pieter Dekker")
    with pytest.raises(InvalidInput) as caught:
        change_status(session, world.first, recommendation, "niet_overgenomen", "  ", "Jos", base_version=1)
    assert caught.value.by_field == {"reason": "reason_required"}
    with pytest.raises(InvalidInput) as caught:
        change_status(session, world.first, recommendation, "vergeten", "", "Jos", base_version=1)
    assert caught.value.by_field == {"status": "unknown_status"}
    change_status(session, world.first, recommendation, "afgerond", "", "Jos", base_version=1)
    with pytest.raises(StaleEdit) as caught:
        change_status(session, world.first, recommendation, "in_uitvoering", "", "Eva", base_version=1)
    assert caught.value.current.status == "afgerond"
    assert session.query(RecommendationEvent).count() == 2  # the refused change left no trace


def test_the_database_refuses_not_adopted_without_reason(session, world):
    from sqlalchemy.exc import IntegrityError

    session.add(Recommendation(conversation_id=world.first.id, theme_number=1, priority="hoog",
                               owner_role="college", deadline=date(2025, 1, 1), text="x", status="niet_overgenomen",
                               status_reason="", created_by="x", updated_by="x"))
    with pytest.raises(IntegrityError):
        session.commit()
    session.rollback()


def test_a_cancelled_visit_takes_no_follow_up(session, guides, world):
    recommendation = add_recommendation(session, guides, world.second, replace(IVP, deadline=date(2026, 6, 1)), "Paul")
    change_conversation_status(session, world.second, "geannuleerd", "test")
    session.commit()
    with pytest.raises(VisitLocked):
        change_status(session, world.second, recommendation, "afgerond", "", "Jos", base_version=1)
    with pytest.raises(VisitLocked):
        set_consent(session, world.second, True, "Jos")


def test_the_response_round_trips_and_closes_with_the_report(session, guides, world):
    save_response(session, world.first, "Wij nemen de aanbevelingen over.", "Jos Wiersma", base_version=0)
    with pytest.raises(StaleEdit):
        save_response(session, world.first, "Andere reactie", "Eva Jansen", base_version=0)
    save_response(session, world.first, "Wij nemen de aanbevelingen over, op één na.", "Eva Jansen", base_version=1)
    session.expire_all()
    response = response_of(session, world.first)
    assert (response.text, response.updated_by, response.version) == (
        "Wij nemen de aanbevelingen over, op één na.", "Eva Jansen", 2)
    hold(session, world.first)
    finalise(session, world.first, "Paul")
    with pytest.raises(VisitLocked):
        save_response(session, world.first, "Te laat", "Jos", base_version=2)


def test_consent_can_be_given_and_withdrawn_with_who_and_when(session, world):
    assert ensure_visit(session, world.first).consent_named is False
    visit = set_consent(session, world.first, True, "Jos Wiersma")
    assert (visit.consent_named, visit.consent_changed_by) == (True, "Jos Wiersma")
    assert set_consent(session, world.first, False, "Eva Jansen").consent_changed_by == "Eva Jansen"
