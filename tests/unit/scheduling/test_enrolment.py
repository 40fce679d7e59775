"""The self-scan import enrols municipalities and stores their scores; a malformed file is
refused whole, with file, line and reason, and nothing is half-imported."""
import openpyxl
import pytest

from visitatie.models.scheduling import RoundMunicipality
from visitatie.scheduling.enrolment import SelfScanImportError, enrol, enrolments, import_self_scan, set_scores, unenrol

HEADER = "code,naam,thema_1,thema_2,thema_3,thema_4,thema_5\n"


def test_import_enrols_and_scores(session, make_round):
    round_ = make_round()
    result = import_self_scan(session, round_, (HEADER + "GM0392,Haarlem,4,3,5,2,3\nGM0935,,2,3,1,4,\n").encode())
    session.commit()
    assert (result.enrolled, result.updated) == (2, 0)
    by_name = {e.municipality.name: e for e in enrolments(session, round_)}
    assert by_name["Haarlem"].score_by_theme() == {1: 4, 2: 3, 3: 5, 4: 2, 5: 3}
    assert by_name["Maastricht"].score_by_theme() == {1: 2, 2: 3, 3: 1, 4: 4}  # blank = not scored
    assert by_name["Haarlem"].source == "zelfscan"


def test_a_second_import_replaces_scores(session, make_round):
    round_ = make_round()
    import_self_scan(session, round_, HEADER + "GM0392,Haarlem,4,3,5,2,3\n")
    result = import_self_scan(session, round_, HEADER + "GM0392,Haarlem,1,1,1,1,1\nGM0758,Breda,5,5,5,5,5\n")
    session.commit()
    assert (result.enrolled, result.updated) == (1, 1)
    assert session.query(RoundMunicipality).count() == 2
    assert {e.municipality.name: e.score_by_theme()[1] for e in enrolments(session, round_)} == {"Breda": 5,
                                                                                                 "Haarlem": 1}


def test_a_malformed_file_is_refused_with_line_and_reason_and_nothing_is_imported(session, make_round):
    round_ = make_round()
    text = HEADER + (
        "GM0392,Haarlem,4,3,5,2,3\n"
        "GM9999,Nergenshuizen,1,2,3,4,5\n"
        "GM0935,Maastricht,2,6,1,vier,3\n"
        "GM0392,Haarlem,4,3,5,2,3\n"
        "GM0758,Bredaa,1,1,1,1,1\n"
    )
    with pytest.raises(SelfScanImportError) as caught:
        import_self_scan(session, round_, text.encode(), "zelfscan-2025.csv")
    error = caught.value
    assert error.file == "zelfscan-2025.csv"
    assert error.problems == [
        "regel 3: onbekende gemeentecode 'GM9999'",
        "regel 4: thema_2 '6' is geen score van 1 tot en met 5; thema_4 'vier' is geen score van 1 tot en met 5",
        "regel 5: GM0392 staat ook op regel 2",
        "regel 6: naam 'Bredaa' hoort niet bij GM0758 (Breda)",
    ]
    assert str(error).startswith("zelfscan-2025.csv: 4 fouten, niets geïmporteerd:")
    session.rollback()
    assert session.query(RoundMunicipality).count() == 0


def test_missing_columns_and_other_file_problems(session, make_round):
    round_ = make_round(themes=(1, 3))
    with pytest.raises(SelfScanImportError) as caught:
        import_self_scan(session, round_, "code,thema_1\nGM0392,4\n")
    assert caught.value.problems == ["regel 1: kolom ontbreekt: thema_3"]
    with pytest.raises(SelfScanImportError) as caught:
        import_self_scan(session, round_, "naam,thema_1,thema_3\n")
    assert caught.value.problems == ["regel 1: kolom ontbreekt: code"]
    with pytest.raises(SelfScanImportError) as caught:
        import_self_scan(session, round_, "code,thema_1,thema_3\n")
    assert caught.value.problems == ["het bestand bevat geen gemeenten"]
    with pytest.raises(SelfScanImportError) as caught:
        import_self_scan(session, round_, "code,thema_1,thema_3\nGM0392,4,3,extra\n")
    assert caught.value.problems == ["regel 2: te veel kolommen"]
    with pytest.raises(SelfScanImportError) as caught:
        import_self_scan(session, round_, "code,thema_1\nGM0392,4\n".encode("utf-16"))
    assert caught.value.problems[0].startswith("Dit is geen CSV-bestand (het is tekst in UTF-16")
    # Only the round's themes are required; a BOM from Excel is fine.
    import_self_scan(session, round_, "\ufeffcode,thema_1,thema_3\nGM0392,4,3\n".encode())


def test_enrol_by_hand_is_idempotent_and_scores_can_be_corrected(session, make_round, town):
    round_ = make_round()
    first = enrol(session, round_, town("Oss"))
    set_scores(first, {1: 2, 2: 4})
    session.commit()
    again = enrol(session, round_, town("Oss"))
    assert again is first and again.source == "handmatig"
    set_scores(again, {1: None, 2: 5})
    session.commit()
    assert again.score_by_theme() == {2: 5}
    with pytest.raises(ValueError):
        set_scores(again, {2: 7})
    assert unenrol(session, round_, town("Oss")) is True
    assert unenrol(session, round_, town("Oss")) is False


# The self-scan as a project leader saves it from Dutch Excel: ';', Windows-1252, CRLF, header
# names typed with capitals and spaces, empty columns to the right and empty lines at the end.
EXCEL_SCAN = (b"Code;Naam ;Thema_1;Thema_2;Thema_3;Thema_4;Thema_5;;\r\n"
              b"GM1900;S\xfadwest-Frysl\xe2n;4;3;;2;5;;\r\n"
              b";;;;;;;;\r\n"
              b"GM0392;Haarlem;1;1;1;1;1;;\r\n"
              b";;;;;;;;\r\n"
              b"\r\n")


@pytest.mark.parametrize("data", [
    EXCEL_SCAN,
    EXCEL_SCAN.decode("cp1252").encode("utf-8-sig"),
    EXCEL_SCAN.decode("cp1252").encode("utf-8").replace(b";", b",").replace(b"\r\n", b"\n"),
], ids=["cp1252-semicolon", "utf8-bom-semicolon", "utf8-comma"])
def test_an_excel_self_scan_in_every_variant(session, make_round, town, tmp_path, data):
    round_ = make_round()
    path = tmp_path / "zelfscan.csv"
    path.write_bytes(data)
    result = import_self_scan(session, round_, path.read_bytes(), path.name)
    session.commit()
    assert (result.enrolled, result.updated) == (2, 0)
    scores = {e.municipality.name: e.score_by_theme() for e in enrolments(session, round_)}
    assert scores == {"Súdwest-Fryslân": {1: 4, 2: 3, 4: 2, 5: 5}, "Haarlem": {1: 1, 2: 1, 3: 1, 4: 1, 5: 1}}


def test_an_excel_self_scan_with_errors_names_file_and_the_lines(session, make_round):
    round_ = make_round()
    data = EXCEL_SCAN.replace(b"GM0392;Haarlem;1;", b"GM0392;Haarlem;zes;") + b"GM0935;Maastricht;1;1;1;1;1;;9\r\n"
    with pytest.raises(SelfScanImportError) as caught:
        import_self_scan(session, round_, data, "intake.csv")
    assert caught.value.problems == [
        "regel 4: thema_1 'zes' is geen score van 1 tot en met 5",
        "regel 7: te veel kolommen",
    ]
    session.rollback()
    assert session.query(RoundMunicipality).count() == 0


def test_a_workbook_uploaded_by_mistake_is_refused(session, make_round, tmp_path):
    path = tmp_path / "zelfscan.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append(["code", "naam", "thema_1"])
    workbook.save(path)
    with pytest.raises(SelfScanImportError) as caught:
        import_self_scan(session, make_round(), path.read_bytes(), path.name)
    assert caught.value.file == "zelfscan.xlsx"
    assert caught.value.problems == [
        "Dit is geen CSV-bestand (het is een Excel-werkmap (.xlsx) of een ander zip-bestand); "
        "sla het in Excel op als CSV (puntkomma's gescheiden) of CSV UTF-8 en lees dat bestand in"]
