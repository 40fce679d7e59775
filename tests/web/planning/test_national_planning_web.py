"""Planning a round in bulk through the web: the contacts register (import, edit), accepting all
proposed pairs with their participants from the register, the gespreksleiders pool and its
proposal, and the planning spreadsheet with its preview; all for project leaders only."""
import io
import re

from openpyxl import load_workbook
from sqlalchemy import select

from visitatie.extensions import db
from visitatie.models import Conversation
from visitatie.models.contacts import Contact

CONTACTS = ("gemeente;rol;naam;email\r\n"
            "Haarlem;burgemeester;Anna Haarlem;anna@haarlem.example.org\r\n"
            "Maastricht;burgemeester;Mark Maastricht;mark@maastricht.example.org\r\n"
            "Utrecht;CISO;Cas Utrecht;cas@utrecht.example.org\r\n")
SCAN = ("code,thema_1,thema_2,thema_3,thema_4,thema_5\n"
        "GM0392,5,1,3,3,3\nGM0935,1,5,3,3,3\nGM0344,3,3,5,1,3\nGM0193,3,3,1,5,3\n")
POOL = "naam,email,gemeente,maximum,niet_beschikbaar\nBas Breda,bas@breda.example.org,Breda,3,\n"


def upload(client, url, text, name="bestand.csv"):
    return client.post(url, data={"file": (io.BytesIO(text.encode("utf-8")), name)},
                       content_type="multipart/form-data")


def test_contacts_import_shows_every_bad_line_and_keeps_nothing(client, auth, app):
    auth.as_projectleider()
    response = upload(client, "/planning/contacten", CONTACTS + "Atlantis;burgemeester;X;x@example.org\r\n")
    assert response.status_code == 400
    assert "regel 5: onbekende gemeente &#39;Atlantis&#39;" in response.get_data(as_text=True)
    assert upload(client, "/planning/contacten", CONTACTS).status_code == 302
    page = client.get("/planning/contacten?q=haarlem").get_data(as_text=True)
    assert "Anna Haarlem" in page and "Mark Maastricht" not in page


def test_contacts_edited_per_municipality(client, auth, app):
    auth.as_projectleider()
    upload(client, "/planning/contacten", CONTACTS)
    form = {"burgemeester-name": "Anna Haarlem", "burgemeester-email": "anna@haarlem.example.org",
            "ciso-name": "Chris Nieuw", "ciso-email": "", "adviseur_oov-name": "", "adviseur_oov-email": "",
            "confirmed": "y"}
    response = client.post("/planning/contacten/GM0392", data=form)
    assert response.status_code == 400 and "Chris Nieuw" in response.get_data(as_text=True)  # kept
    form["ciso-email"] = "chris@haarlem.example.org"
    form["burgemeester-name"] = form["burgemeester-email"] = ""
    assert client.post("/planning/contacten/GM0392", data=form).status_code == 302
    with app.app_context():
        assert [(c.role, c.name) for c in db.session.scalars(select(Contact).where(Contact.municipality_id.in_(
            select(Contact.municipality_id).where(Contact.email == "chris@haarlem.example.org"))))] == [
            ("ciso", "Chris Nieuw")]


def test_a_round_planned_in_bulk(client, auth, app, round_id):
    auth.as_projectleider()
    upload(client, "/planning/contacten", CONTACTS)
    upload(client, f"/planning/rondes/{round_id}/zelfscan", SCAN)
    assert client.post(f"/planning/rondes/{round_id}/voorstel/alle-aannemen").status_code == 302
    with app.app_context():
        conversations = db.session.scalars(select(Conversation).where(Conversation.round_id == round_id)).all()
        people = {c.title: sorted(p.person.name for p in c.participations) for c in conversations}
    assert people == {"Haarlem – Maastricht": ["Anna Haarlem", "Mark Maastricht"],
                      "Utrecht – Zwolle": ["Cas Utrecht"]}

    assert upload(client, f"/planning/rondes/{round_id}/gespreksleiders/inlezen", POOL).status_code == 302
    page = client.get(f"/planning/rondes/{round_id}/gespreksleiders").get_data(as_text=True)
    assert "Bas Breda komt uit Breda, niet uit Haarlem en Maastricht." in page
    assert client.post(f"/planning/rondes/{round_id}/gespreksleiders/toewijzen").status_code == 302

    download = client.get(f"/planning/rondes/{round_id}/planningsbestand.xlsx")
    workbook = load_workbook(io.BytesIO(download.data))
    sheet = workbook["Planning"]
    assert sheet["H2"].value == "Bas Breda"
    sheet["C2"], sheet["D2"], sheet["C3"], sheet["D3"] = "2025-04-15", "10:00", "2025-09-01", "10:00"
    edited = io.BytesIO()
    workbook.save(edited)
    files = lambda: {"file": (io.BytesIO(edited.getvalue()), "planning.xlsx")}  # noqa: E731
    refused = client.post(f"/planning/rondes/{round_id}/planningsbestand", data=files(),
                          content_type="multipart/form-data")
    assert refused.status_code == 400
    assert "Regel 3, kolom Datum: 1 september 2025 valt buiten de periode" in refused.get_data(as_text=True)
    sheet["C3"] = "2025-04-16"
    edited = io.BytesIO()
    workbook.save(edited)
    preview = client.post(f"/planning/rondes/{round_id}/planningsbestand", data=files(),
                          content_type="multipart/form-data")
    text = preview.get_data(as_text=True)
    assert preview.status_code == 200 and "Voorbeeld: 2 gesprekken veranderen" in text
    with app.app_context():
        assert all(c.starts_at is None for c in db.session.scalars(select(Conversation)))
    content = re.search(r'name="content" type="hidden" value="([^"]+)"', text).group(1)
    saved = client.post(f"/planning/rondes/{round_id}/planningsbestand/opslaan",
                        data={"content": content, "filename": "planning.xlsx"})
    assert saved.status_code == 302
    with app.app_context():
        assert sorted(c.starts_at.day for c in db.session.scalars(select(Conversation))) == [15, 16]


def test_cli_imports_contacts_and_planning(runner, app, round_id, tmp_path):
    path = tmp_path / "contacten.csv"
    path.write_text(CONTACTS, encoding="utf-8")
    result = runner.invoke(args=["import-contacten", str(path)])
    assert result.exit_code == 0 and "3 vermeldingen toegevoegd" in result.output
    bad = tmp_path / "planning.csv"
    bad.write_text("Gesprek;Gemeenten;Datum;Begintijd;Duur (minuten);Plaats;Online link;Gespreksleider;"
                   "E-mail gespreksleider;Gemeente gespreksleider;Deelnemers;Status;Versie\r\n"
                   "999;Haarlem – Maastricht;;;;;;;;;;gepland;1\r\n", encoding="utf-8")
    result = runner.invoke(args=["import-planning", str(round_id), str(bad)])
    assert result.exit_code == 1
    assert "Regel 2, kolom Gesprek: ‘999’ is geen gesprek van deze ronde." in result.output


def test_the_new_conversation_form_fills_participants_from_the_register(client, auth, round_id):
    auth.as_projectleider()
    upload(client, "/planning/contacten", CONTACTS)
    form = client.get(f"/planning/rondes/{round_id}/gesprekken/nieuw?gemeente=GM0392&gemeente=GM0935")
    page = form.get_data(as_text=True)
    assert 'value="Anna Haarlem"' in page and 'value="mark@maastricht.example.org"' in page
