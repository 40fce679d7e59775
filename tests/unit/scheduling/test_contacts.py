"""The contacts register: import all or nothing (CSV and Excel), replace per municipality and
role, participants of an accepted pair from the register, and erasure of a person's entries."""
import io
from datetime import date

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from visitatie.models.contacts import Contact
from visitatie.scheduling.contacts import ContactImportError, erase_entries, import_contacts, parse_day
from visitatie.scheduling.pairing import accept_pair

TODAY = date(2025, 2, 1)
CSV = ("gemeente;rol;naam;functie;email;bevestigd\r\n"
       "Haarlem;burgemeester;Anna Haarlem;burgemeester;anna@haarlem.example.org;2025-01-15\r\n"
       "GM0392;CISO;Chris Haarlem;;ciso@haarlem.example.org;\r\n"
       "Maastricht;adviseur OOV;Olga Maastricht;adviseur OOV;oov@maastricht.example.org;15-1-2025\r\n")


def test_import_adds_and_then_replaces_per_municipality_and_role(session):
    assert import_contacts(session, CSV.encode("cp1252"), TODAY, "contacten.csv").added == 3
    ciso = session.scalar(select(Contact).where(Contact.role == "ciso"))
    assert (ciso.municipality.name, ciso.name, ciso.confirmed_on) == ("Haarlem", "Chris Haarlem", TODAY)
    oov = session.scalar(select(Contact).where(Contact.role == "adviseur_oov"))
    assert oov.confirmed_on == date(2025, 1, 15)
    again = import_contacts(session, "gemeente,rol,naam,email\nHaarlem,ciso,Cor Nieuw,cor@haarlem.example.org\n",
                            TODAY)
    assert (again.added, again.replaced) == (0, 1)
    assert session.scalar(select(func.count()).select_from(Contact)) == 3
    assert session.scalar(select(Contact.name).where(Contact.role == "ciso")) == "Cor Nieuw"


def test_a_bad_row_imports_nothing_and_every_problem_names_its_line(session):
    bad = CSV + "Atlantis;burgemeester;X;;x@example.org;\r\nHaarlem;wethouder;Y;;geen-adres;morgen\r\n"
    with pytest.raises(ContactImportError) as error:
        import_contacts(session, bad, TODAY, "contacten.csv")
    assert error.value.problems == [
        "regel 5: onbekende gemeente 'Atlantis'",
        "regel 6: rol 'wethouder' is geen burgemeester, CISO of adviseur OOV; 'geen-adres' is geen e-mailadres; "
        "bevestigd 'morgen' is geen datum (bijvoorbeeld 2025-03-01)"]
    assert session.scalar(select(func.count()).select_from(Contact)) == 0


def test_an_excel_workbook_is_read_like_the_csv(session):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Gemeente", "Rol", "Naam", "E-mail", "Email", "Bevestigd"])
    sheet.append(["Breda", "burgemeester", "Bram Breda", None, "bram@breda.example.org", date(2024, 12, 1)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert import_contacts(session, buffer.getvalue(), TODAY, "vng.xlsx").added == 1
    contact = session.scalar(select(Contact))
    assert (contact.name, contact.confirmed_on) == ("Bram Breda", date(2024, 12, 1))


def test_the_same_role_twice_for_a_municipality_is_refused(session):
    with pytest.raises(ContactImportError) as error:
        import_contacts(session,
                        "gemeente,rol,naam,email\nHaarlem,ciso,A,a@x.example.org\nHaarlem,CISO,B,b@x.example.org\n",
                        TODAY)
    assert error.value.problems == ["regel 3: Haarlem heeft ook op regel 2 een ciso"]


def test_parse_day_reads_iso_and_dutch_dates():
    assert parse_day("2025-04-15") == parse_day("15-04-2025") == parse_day("15/4/2025") == date(2025, 4, 15)
    assert parse_day("31-02-2025") is None and parse_day("april") is None


def test_an_accepted_pair_takes_its_participants_from_the_register(session, make_round, town):
    import_contacts(session, CSV, TODAY)
    conversation = accept_pair(session, make_round(), town("Haarlem"), town("Maastricht"), "Test")
    assert sorted((p.person.name, p.role, p.municipality.name) for p in conversation.participations) == [
        ("Anna Haarlem", "burgemeester", "Haarlem"), ("Chris Haarlem", "ciso", "Haarlem"),
        ("Olga Maastricht", "adviseur_oov", "Maastricht")]


def test_erasing_entries_removes_the_register_lines_of_that_address(session):
    import_contacts(session, CSV, TODAY)
    assert erase_entries(session, "CISO@haarlem.example.org") == 1
    assert session.scalar(select(func.count()).select_from(Contact)) == 2


def test_erase_person_removes_their_register_and_pool_entries(session, make_round, town):
    from visitatie.lifecycle.erasure import erase_person, find_person
    from visitatie.models.contacts import LeaderVolunteer
    from visitatie.scheduling.leader_pool import VolunteerInput, save_volunteer

    import_contacts(session, CSV, TODAY)
    round_ = make_round()
    accept_pair(session, round_, town("Haarlem"), town("Maastricht"), "Test")
    save_volunteer(session, round_, VolunteerInput("Anna Haarlem", "anna@haarlem.example.org", town("Haarlem")))
    counts = erase_person(session, find_person(session, "anna@haarlem.example.org"), "Test")
    assert counts.register == 2 and "register=2" in counts.detail()
    assert session.scalar(select(func.count()).select_from(LeaderVolunteer)) == 0
    assert session.scalars(select(Contact.name).order_by(Contact.name)).all() == ["Chris Haarlem", "Olga Maastricht"]


def test_purging_a_round_removes_its_gespreksleiders_pool(session, make_round, town):
    from datetime import date as day

    from visitatie.lifecycle.purge import purge
    from visitatie.models.contacts import LeaderUnavailableDay, LeaderVolunteer
    from visitatie.scheduling.leader_pool import VolunteerInput, save_volunteer

    round_ = make_round()
    save_volunteer(session, round_, VolunteerInput("Bas Breda", "bas@breda.example.org", town("Breda"), 2,
                                                   (day(2025, 4, 1),)))
    purge(session, round_, "Test")
    assert session.scalar(select(func.count()).select_from(LeaderVolunteer)) == 0
    assert session.scalar(select(func.count()).select_from(LeaderUnavailableDay)) == 0
