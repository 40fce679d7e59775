"""Self-scan upload, the pairing proposal with its reasons, accepting, adjusting and rejecting
pairs, and `flask suggest-pairs` printing the same proposal."""
import io
import re
import zipfile

from visitatie.extensions import db
from visitatie.models import Conversation
from visitatie.models.scheduling import RoundMunicipality

SCAN = ("code,naam,thema_1,thema_2,thema_3,thema_4,thema_5\n"
        "GM0392,Haarlem,3,3,5,3,3\n"
        "GM0935,Maastricht,3,3,1,3,3\n"
        "GM0503,Delft,5,1,3,3,3\n"
        "GM0828,Oss,1,5,3,3,3\n"
        "GM0758,Breda,3,3,3,3,3\n")


def text(response) -> str:
    return re.sub(r"\s+", " ", response.get_data(as_text=True))


def upload(client, round_id, content: str, name="zelfscan.csv"):
    return client.post(f"/planning/rondes/{round_id}/zelfscan",
                       data={"file": (io.BytesIO(content.encode()), name)}, content_type="multipart/form-data")


def test_upload_enrols_and_the_proposal_explains_each_pair(client, auth, round_id):
    auth.as_projectleider()
    response = upload(client, round_id, SCAN)
    assert response.status_code == 302
    assert "Zelfscan ingelezen: 5 gemeenten aangemeld, 0 bijgewerkt." in text(client.get(response.headers["Location"]))
    page = text(client.get(f"/planning/rondes/{round_id}/voorstel"))
    assert "Haarlem – Maastricht" in page and "Delft – Oss" in page
    assert "Haarlem is sterk op prioriteit 3 (Eigen huis op orde) waar Maastricht zwak is (5 tegen 1)." in page
    assert "Delft is sterk op prioriteit 1 (Leiderschap en professionalisering) waar Oss zwak is (5 tegen 1)." in page
    assert "Zonder partner: Breda." in page
    # CBS, 1 January 2024: Haarlem 167 636, Maastricht 125 285, Delft 109 577, Oss 94 634.
    assert ("Ongeveer even groot (naastgelegen grootteklassen): Haarlem 150.000–250.000 inwoners, "
            "Maastricht 100.000–150.000 inwoners (bron: CBS).") in page
    assert ("Ongeveer even groot (naastgelegen grootteklassen): Delft 100.000–150.000 inwoners, "
            "Oss 50.000–100.000 inwoners (bron: CBS).") in page


def test_a_malformed_upload_is_refused_with_file_line_and_reason(app, client, auth, round_id):
    auth.as_projectleider()
    response = upload(client, round_id, SCAN + "GM0001,Nergens,1,1,1,1,9\n", name="intake.csv")
    assert response.status_code == 400
    page = text(response)
    assert "intake.csv is niet ingelezen: 1 fout. Er is niets gewijzigd." in page
    assert ("regel 7: onbekende gemeentecode &#39;GM0001&#39;; thema_5 &#39;9&#39; is geen score van 1 tot en "
            "met 5") in page
    with app.app_context():
        assert db.session.query(RoundMunicipality).count() == 0


def test_enrol_by_hand_with_scores(app, client, auth, round_id):
    auth.as_projectleider()
    response = client.post(f"/planning/rondes/{round_id}/gemeenten", data={
        "municipality": "wijk bij duurstede", "score_1": "4", "score_3": "2"})
    assert response.status_code == 302
    with app.app_context():
        enrolment = db.session.query(RoundMunicipality).one()
        assert enrolment.municipality.name == "Wijk bij Duurstede"
        assert enrolment.score_by_theme() == {1: 4, 3: 2}
    bad = client.post(f"/planning/rondes/{round_id}/gemeenten", data={"municipality": "Atlantis"})
    assert bad.status_code == 400 and "Onbekende gemeente" in text(bad)
    assert 'value="Atlantis"' in text(bad)


def test_accept_reject_and_adjust(app, client, auth, round_id):
    auth.as_projectleider()
    upload(client, round_id, SCAN)
    response = client.post(f"/planning/rondes/{round_id}/voorstel/aannemen",
                           data={"first": "GM0392", "second": "GM0935"})
    assert response.status_code == 302
    page = text(client.get(response.headers["Location"]))
    assert "Gesprek Haarlem – Maastricht aangemaakt." in page
    with app.app_context():
        created = db.session.query(Conversation).one().id
    # The message links to the new conversation, where the date and the people are chosen.
    assert (f'<a class="utrecht-link" href="/planning/gesprekken/{created}">'
            "Kies nu datum, gespreksleider en deelnemers</a>") in page
    assert "Haarlem – Maastricht" not in page.split("Koppelvoorstel</h1>")[1]  # now scheduled: no longer proposed
    with app.app_context():
        conversation = db.session.query(Conversation).one()
        assert conversation.starts_at is None and conversation.status == "gepland"
    client.post(f"/planning/rondes/{round_id}/voorstel/afwijzen", data={"first": "GM0503", "second": "GM0828"})
    page = text(client.get(f"/planning/rondes/{round_id}/voorstel"))
    assert "Het voorstel Delft – Oss is afgewezen en komt niet terug." in page
    assert '<h2 class="utrecht-heading-3">Delft – Oss</h2>' not in page
    assert "1 voorstel is afgewezen" in page
    # Adjust: the new-conversation form preselects the pair.
    form = client.get(f"/planning/rondes/{round_id}/gesprekken/nieuw?gemeente=GM0503&gemeente=GM0758").get_data(
        as_text=True)
    assert '<option selected value="GM0503">' in form and '<option selected value="GM0758">' in form
    client.post(f"/planning/rondes/{round_id}/voorstel/herstellen")
    assert '<h2 class="utrecht-heading-3">Delft – Oss</h2>' in text(client.get(f"/planning/rondes/{round_id}/voorstel"))


def test_the_dashboard_lists_unscheduled_municipalities(client, auth, round_id):
    auth.as_projectleider()
    upload(client, round_id, SCAN)
    client.post(f"/planning/rondes/{round_id}/voorstel/aannemen", data={"first": "GM0392", "second": "GM0935"})
    page = text(client.get(f"/rondes/{round_id}"))
    assert "3 aangemelde gemeenten zonder gesprek" in page
    assert "Breda, Delft, Oss." in page
    assert "Zonder datum (1)" in page and "Zonder gespreksleider (1)" in page


def test_cli_suggest_pairs_prints_the_same_proposal(client, auth, runner, round_id):
    auth.as_projectleider()
    upload(client, round_id, SCAN)
    result = runner.invoke(args=["suggest-pairs", str(round_id)])
    assert result.exit_code == 0, result.output
    assert "1. Delft – Oss" in result.output or "1. Haarlem – Maastricht" in result.output
    assert "Haarlem is sterk op prioriteit 3 (Eigen huis op orde) waar Maastricht zwak is (5 tegen 1)." in result.output
    assert "Zonder partner: Breda" in result.output
    web = text(client.get(f"/planning/rondes/{round_id}/voorstel"))
    for line in result.output.splitlines():
        if line.strip().startswith("- "):
            assert line.strip()[2:] in web
    again = runner.invoke(args=["suggest-pairs", str(round_id)])
    assert again.output == result.output
    assert runner.invoke(args=["suggest-pairs", "999"]).exit_code == 1


def test_cli_import_zelfscan(app, runner, round_id, tmp_path):
    good = tmp_path / "scan.csv"
    good.write_text(SCAN, encoding="utf-8")
    result = runner.invoke(args=["import-zelfscan", str(round_id), str(good)])
    assert result.exit_code == 0 and "5 gemeenten aangemeld" in result.output
    bad = tmp_path / "kapot.csv"
    bad.write_text("code,thema_1\nGM0392,4\n", encoding="utf-8")
    result = runner.invoke(args=["import-zelfscan", str(round_id), str(bad)])
    assert result.exit_code == 1
    assert "kapot.csv: 1 fout, niets geïmporteerd" in result.output


# What Dutch Excel saves as "CSV (puntkomma's gescheiden)": Windows-1252, ';', CRLF, empty columns
# to the right and an empty line at the end.
EXCEL_SCAN = (b"Code;Naam;Thema_1;Thema_2;Thema_3;Thema_4;Thema_5;;\r\n"
              b"GM1900;S\xfadwest-Frysl\xe2n;4;3;5;2;3;;\r\n"
              b"GM0392;Haarlem;2;3;1;4;;;\r\n"
              b";;;;;;;;\r\n")


def upload_bytes(client, round_id, content: bytes, name: str):
    return client.post(f"/planning/rondes/{round_id}/zelfscan",
                       data={"file": (io.BytesIO(content), name)}, content_type="multipart/form-data")


def test_upload_of_a_semicolon_cp1252_file_from_excel(app, client, auth, round_id):
    auth.as_projectleider()
    response = upload_bytes(client, round_id, EXCEL_SCAN, "zelfscan.csv")
    assert response.status_code == 302
    page = text(client.get(response.headers["Location"]))
    assert "Zelfscan ingelezen: 2 gemeenten aangemeld, 0 bijgewerkt." in page
    assert "Súdwest-Fryslân" in page
    with app.app_context():
        scores = {e.municipality.name: e.score_by_theme() for e in db.session.query(RoundMunicipality)}
    assert scores == {"Súdwest-Fryslân": {1: 4, 2: 3, 3: 5, 4: 2, 5: 3}, "Haarlem": {1: 2, 2: 3, 3: 1, 4: 4}}


def test_upload_of_a_workbook_is_refused_with_advice(app, client, auth, round_id):
    auth.as_projectleider()
    workbook = io.BytesIO()
    with zipfile.ZipFile(workbook, "w") as archive:  # an .xlsx is a zip archive
        archive.writestr("[Content_Types].xml", "<Types/>")
    response = upload_bytes(client, round_id, workbook.getvalue(), "zelfscan.xlsx")
    assert response.status_code == 400
    page = text(response)
    assert "zelfscan.xlsx is niet ingelezen: 1 fout. Er is niets gewijzigd." in page
    assert ("Dit is geen CSV-bestand (het is een Excel-werkmap (.xlsx) of een ander zip-bestand); "
            "sla het in Excel op als CSV (puntkomma&#39;s gescheiden) of CSV UTF-8 en lees dat bestand in") in page
    with app.app_context():
        assert db.session.query(RoundMunicipality).count() == 0


def test_cli_import_zelfscan_reads_an_excel_file(app, runner, round_id, tmp_path):
    path = tmp_path / "scan-excel.csv"
    path.write_bytes(EXCEL_SCAN)
    result = runner.invoke(args=["import-zelfscan", str(round_id), str(path)])
    assert result.exit_code == 0, result.output
    assert "2 gemeenten aangemeld" in result.output


def test_a_pair_of_the_same_class_says_both_sizes(app):
    from visitatie.scheduling.pairing import Candidate, propose_pairs
    from visitatie.wording.planning import size_text

    a = Candidate("GM0001", "A", {1: 5, 2: 1}, population=30_000)
    b = Candidate("GM0002", "B", {1: 1, 2: 5}, population=45_000)
    (pair,) = propose_pairs([a, b], [1, 2]).pairs
    with app.test_request_context():
        assert size_text(pair) == "Vergelijkbaar van omvang: beide 20.000–50.000 inwoners (bron: CBS)."
