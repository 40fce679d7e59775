"""The self-scan import enrols municipalities and stores their scores; a malformed file is
refused whole, with file, line and reason, and nothing is half-imported."""
import pytest

from visitatie.models.scheduling import RoundMunicipality
from visitatie.scheduling.enrolment import (SelfScanImportError, enrol, enrolments, import_self_scan,
                                            set_scores, unenrol)

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
    assert {e.municipality.name: e.score_by_theme()[1] for e in enrolments(session, round_)} == {"Breda": 5, "Haarlem": 1}


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
    assert str(error).startswith("zelfscan-2025.csv: 4 fout(en), niets geïmporteerd:")
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
    assert caught.value.problems == ["het bestand is geen UTF-8"]
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
