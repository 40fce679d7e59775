"""The speaker's own consent page, "Citaten van u": only the speaker reaches it and answers on it;
consent is bound to the words shown and lapses when the answer changes."""
from sqlalchemy import select

from visitatie.conversations.marks import add_mark
from visitatie.extensions import db
from visitatie.models import Answer, Mark, Participation
from visitatie.models.security import SecurityEvent

WORDS = "Wij betalen geen losgeld; dat hebben we in het college vastgelegd."


def _quote(app, world, answer) -> int:
    answer_id = answer(world.a, world.haarlem, value=WORDS)
    with app.app_context():
        speaker = db.session.get(Participation, world.mayor)
        mark = add_mark(db.session, db.session.get(Answer, answer_id), "citaat", "Peter van Elst", speaker=speaker)
        return mark.id


def test_the_speaker_sees_the_exact_words_and_gives_consent(app, client, world, sign_in, answer):
    mark_id = _quote(app, world, answer)
    sign_in(world.mayor)
    overview = client.get(f"/gesprekken/{world.a}").get_data(as_text=True)
    assert "Er is 1 citaat van u gemarkeerd." in overview and f"/gesprekken/{world.a}/citaten" in overview
    page = client.get(f"/gesprekken/{world.a}/citaten").get_data(as_text=True)
    assert WORDS in page and "gevraagd, nog geen antwoord" in page
    response = client.post(f"/gesprekken/{world.a}/citaten/{mark_id}", data={"consent": "met_naam"})
    assert response.status_code == 302
    with app.app_context():
        mark = db.session.get(Mark, mark_id)
        assert (mark.consent, mark.consented_text) == ("met_naam", WORDS)
        assert len(mark.consented_hash) == 64 and mark.consent_given_at is not None
        events = db.session.scalars(select(SecurityEvent).where(SecurityEvent.kind == "consent")).all()
        assert [(e.actor, e.detail) for e in events] == [
            (f"deelnemer {world.mayor}", f"citaat {mark_id}: gevraagd -> met_naam")]
        assert WORDS not in events[0].detail  # the log never holds the words


def test_only_the_speaker_reaches_the_consent_page(app, client, world, sign_in, answer):
    mark_id = _quote(app, world, answer)
    for other in (world.note_taker, world.leader, world.ciso):
        sign_in(other)
        page = client.get(f"/gesprekken/{world.a}/citaten").get_data(as_text=True)
        assert WORDS not in page  # their own page lists only their own quotes
        assert client.post(f"/gesprekken/{world.a}/citaten/{mark_id}",
                           data={"consent": "met_naam"}).status_code == 404
    sign_in(world.other_mayor)  # a participant of another conversation
    assert client.get(f"/gesprekken/{world.a}/citaten").status_code == 404
    client.get("/uitloggen")
    assert client.get(f"/gesprekken/{world.a}/citaten").status_code in (302, 401, 404)
    with app.app_context():
        assert db.session.get(Mark, mark_id).consent == "gevraagd"


def test_consent_lapses_when_the_answer_changes_and_can_be_confirmed_again(app, client, world, sign_in, answer):
    mark_id = _quote(app, world, answer)
    sign_in(world.mayor)
    client.post(f"/gesprekken/{world.a}/citaten/{mark_id}", data={"consent": "anoniem"})
    answer(world.a, world.haarlem, value=WORDS + " Behalve bij levensgevaar.", version=1, by="Pieter Dekker")
    page = client.get(f"/gesprekken/{world.a}/citaten").get_data(as_text=True)
    assert "vervallen" in page and "U gaf toestemming voor:" in page
    client.post(f"/gesprekken/{world.a}/citaten/{mark_id}", data={"consent": "anoniem"})
    with app.app_context():
        assert db.session.get(Mark, mark_id).consented_text == WORDS + " Behalve bij levensgevaar."


def test_a_project_leader_cannot_give_consent_for_a_speaker(app, client, world, answer, auth):
    mark_id = _quote(app, world, answer)
    auth.as_projectleider()
    assert client.get(f"/gesprekken/{world.a}/citaten").status_code == 404
    assert client.post(f"/gesprekken/{world.a}/citaten/{mark_id}", data={"consent": "anoniem"}).status_code == 404


def test_a_withdrawn_quote_leaves_every_published_page(app, client, auth, published_demo):
    """The demo publishes an anonymous quote; its speaker withdraws: versions 1 and 2 lose it."""
    from tests.conftest import redeem
    from visitatie.conversations import invitations
    from visitatie.guides.registry import current_guides
    from visitatie.models import Round
    from visitatie.models.opbrengst import Publication, RoundCuration
    from visitatie.opbrengst import publication

    with app.app_context():
        round_ = db.session.get(Round, published_demo)
        first = db.session.scalar(select(Publication).where(Publication.round_id == round_.id))
        quote = next(t["quote"] for t in first.snapshot["themes"] if t.get("quote"))
        mark = db.session.get(Mark, quote["mark_id"])
        curation = db.session.scalar(select(RoundCuration).where(RoundCuration.round_id == round_.id))
        curation.main_lesson = "Oefen de crisis elk jaar."
        db.session.commit()
        publication.publish(db.session, current_guides(), round_, "pl")  # version 2, same quote
        _invitation, token = invitations.issue(db.session, mark.speaker, days_valid=30)
        db.session.commit()
        round_id, mark_id, conversation_id, words = round_.id, mark.id, mark.speaker.conversation_id, quote["text"]
    for version in (1, 2):
        assert words in client.get(f"/opbrengst/{round_id}/v{version}").get_data(as_text=True)
    speaker = app.test_client()
    assert redeem(speaker, token).status_code == 302
    assert speaker.post(f"/gesprekken/{conversation_id}/citaten/{mark_id}",
                        data={"consent": "niet_publiceren"}).status_code == 302
    for version in (1, 2):
        page = client.get(f"/opbrengst/{round_id}/v{version}").get_data(as_text=True)
        assert words not in page and "is ingetrokken op" in page
