"""Reading CSV files as Dutch Excel writes them: ';' or ',', UTF-8 with or without BOM or
Windows-1252, CRLF, empty lines and empty columns; other files refused with a reason.

Every variant is written to disk as the exact bytes Excel (or a user's mistake) produces."""
import io

import openpyxl
import pytest

from visitatie.importing.csv_files import CsvImportError, read_csv

NAME = "Súdwest-Fryslân"
# What Dutch Excel saves as "CSV (puntkomma's gescheiden)": Windows-1252, ';', CRLF, and here
# also header names as typed by a person, empty columns to the right and empty lines at the end.
EXCEL_CP1252 = (b" Code ;Naam;Thema 1;;\r\n"
                b"GM1900;S\xfadwest-Frysl\xe2n;4;;\r\n"
                b";;;;\r\n"
                b"GM0392;Haarlem;2;;\r\n"
                b";;;;\r\n"
                b"\r\n")


def read(tmp_path, data: bytes, name="bestand.csv", **kwargs):
    path = tmp_path / name
    path.write_bytes(data)
    return read_csv(path.read_bytes(), path.name, **kwargs)


def refused(tmp_path, data: bytes, name="bestand.csv", **kwargs) -> list[str]:
    with pytest.raises(CsvImportError) as caught:
        read(tmp_path, data, name, **kwargs)
    assert caught.value.file == name
    return caught.value.problems


def test_excel_semicolon_cp1252_with_crlf_empty_rows_and_columns(tmp_path):
    table = read(tmp_path, EXCEL_CP1252, required=["code", "naam", "thema_1"])
    assert table.delimiter == ";"
    assert table.columns == ("code", "naam", "thema_1")
    assert [(r.line, r.values, r.problems) for r in table.rows] == [
        (2, {"code": "GM1900", "naam": NAME, "thema_1": "4"}, ()),
        (4, {"code": "GM0392", "naam": "Haarlem", "thema_1": "2"}, ()),
    ]


@pytest.mark.parametrize("data", [
    f"code;naam\r\nGM1900;{NAME}\r\n".encode("utf-8"),
    f"code;naam\r\nGM1900;{NAME}\r\n".encode("utf-8-sig"),  # Excel's "CSV UTF-8": a BOM
    f"code;naam\nGM1900;{NAME}\n".encode("cp1252"),
    f"code,naam\nGM1900,{NAME}\n".encode("utf-8-sig"),
    f"code,naam\rGM1900,{NAME}\r".encode("cp1252"),  # old Mac line ends
    f'"code";"naam"\r\n"GM1900";"{NAME}"\r\n'.encode("cp1252"),  # every cell quoted
], ids=["utf8-semicolon", "utf8-bom", "cp1252", "comma-bom", "cr-only", "quoted"])
def test_the_name_survives_every_encoding_and_delimiter(tmp_path, data):
    table = read(tmp_path, data, required=["code", "naam"])
    assert [r.values for r in table.rows] == [{"code": "GM1900", "naam": NAME}]
    assert table.rows[0].line == 2


def test_a_decomposed_name_is_composed(tmp_path):
    decomposed = "Su\u0301dwest-Frysla\u0302n"  # as some Macs write it
    table = read(tmp_path, f"code;naam\nGM1900;{decomposed}\n".encode())
    assert table.rows[0].get("naam") == NAME


def test_delimiter_is_taken_from_the_header_and_cells_may_hold_the_other(tmp_path):
    table = read(tmp_path, b'code;naam;toelichting\nGM0392;Haarlem;"groot, oud"\n')
    assert table.rows[0].get("toelichting") == "groot, oud"
    table = read(tmp_path, b"code,naam,toelichting\nGM0392,Haarlem,a;b\n")
    assert table.delimiter == "," and table.rows[0].get("toelichting") == "a;b"


def test_a_short_row_gets_empty_values_and_a_long_row_is_flagged(tmp_path):
    table = read(tmp_path, b"code;naam;thema_1\nGM0392\nGM0935;Maastricht;3;;;\nGM0503;Delft;3;;x\n")
    assert table.rows[0].values == {"code": "GM0392", "naam": "", "thema_1": ""}
    assert table.rows[1].problems == ()  # empty cells beyond the header: Excel's, ignored
    assert table.rows[2].problems == ("te veel kolommen",)


def test_an_unnamed_column_between_named_ones(tmp_path):
    table = read(tmp_path, b"code;;naam\nGM0392;;Haarlem\nGM0935;x;Maastricht\n")
    assert table.columns == ("code", "", "naam")
    assert table.rows[0].problems == ()
    assert table.rows[1].problems == ("waarde in kolom 2, die geen naam heeft in de kopregel",)


def test_a_quote_left_open_is_reported_on_its_line(tmp_path):
    table = read(tmp_path, b'code;naam\nGM0392;"Haarlem\nGM0935;Maastricht\n')
    assert table.rows[0].line == 2
    assert table.rows[0].problems == ('een cel loopt door tot regel 3; staat er een aanhalingsteken (") te veel?',)


def test_missing_and_doubled_columns(tmp_path):
    assert refused(tmp_path, b"\xef\xbb\xbfCode;Naam\r\nGM0392;Haarlem\r\n",
                   required=["code", "thema_1", "thema_2"]) == [
        "regel 1: kolom ontbreekt: thema_1, thema_2"]
    assert refused(tmp_path, b"code;naam;CODE\nGM0392;Haarlem;GM0392\n") == [
        "regel 1: kolom 'code' staat meer dan eens in de kopregel"]
    # Saved as tab-separated text: one column, and the message says how to fix it.
    assert refused(tmp_path, b"code\tnaam\nGM0392\tHaarlem\n", required=["code"]) == [
        "regel 1: kolom ontbreekt: code (de kopregel 'code\\tnaam' is één kolom; "
        "scheid de kolommen met puntkomma's of komma's)"]


def test_empty_lines_before_the_header_count(tmp_path):
    table = read(tmp_path, b"\r\n;;\r\ncode;naam\r\nGM0392;Haarlem\r\n")
    assert table.header_line == 3 and table.rows[0].line == 4
    assert refused(tmp_path, b"\n\nnaam\nHaarlem\n", required=["code"])[0].startswith("regel 3: kolom ontbreekt: code")


@pytest.mark.parametrize("data", [b"", b"\r\n\r\n", b";;;\r\n;;\r\n", b"\xef\xbb\xbf"])
def test_an_empty_file(tmp_path, data):
    assert refused(tmp_path, data) == ["het bestand is leeg"]


def xlsx_bytes() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(["code", "naam", "thema_1"])
    workbook.active.append(["GM0392", "Haarlem", 4])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


SAVE_AS = "sla het in Excel op als CSV (puntkomma's gescheiden) of CSV UTF-8 en lees dat bestand in"


@pytest.mark.parametrize("name, data, reason", [
    ("zelfscan.xlsx", xlsx_bytes(), "het is een Excel-werkmap (.xlsx) of een ander zip-bestand"),
    ("zelfscan.csv", xlsx_bytes(), "het is een Excel-werkmap (.xlsx) of een ander zip-bestand"),  # renamed
    ("zelfscan.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
     "het is een Excel-werkmap in het oude formaat, .xls"),
    ("zelfscan.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "het is een PDF-bestand"),
    ("zelfscan.txt", "code\tnaam\r\n".encode("utf-16"), "het is tekst in UTF-16, in Excel 'Unicode-tekst'"),
    ("logo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "het bevat binaire gegevens"),
])
def test_what_is_no_csv_file_is_refused_with_advice(tmp_path, name, data, reason):
    assert refused(tmp_path, data, name) == [f"Dit is geen CSV-bestand ({reason}); {SAVE_AS}"]


def test_bytes_that_are_neither_utf8_nor_cp1252_are_refused_with_the_line(tmp_path):
    # 0x81 is undefined in Windows-1252 (and on its own not UTF-8).
    assert refused(tmp_path, b"code;naam\nGM0392;Haarlem\nGM0935;Maas\x81tricht\n") == [
        f"regel 3: het teken 0x81 is geen tekst in UTF-8 of Windows-1252; {SAVE_AS}"]


def test_the_error_names_file_and_count_and_can_be_a_subclass(tmp_path):
    class OwnError(CsvImportError):
        pass

    with pytest.raises(OwnError) as caught:
        read(tmp_path, b"PK\x03\x04rest", "gemeenten.xlsx", error=OwnError)
    assert str(caught.value).startswith("gemeenten.xlsx: 1 fout, niets geïmporteerd:\n  Dit is geen CSV-bestand")


def test_text_input_is_read_the_same_way():
    table = read_csv(f"\ufeff Code ;NAAM;;\r\nGM1900;{NAME};;\r\n\r\n", required=["code", "naam"])
    assert [r.values for r in table.rows] == [{"code": "GM1900", "naam": NAME}]
    with pytest.raises(CsvImportError):
        read_csv("code\x00naam\n")


def test_a_quote_left_open_over_a_huge_stretch_is_refused_on_its_line(tmp_path):
    data = b'code;naam\nGM0392;Haarlem\nGM0935;"Maastricht\n' + b"x;y\n" * 40000
    assert refused(tmp_path, data) == [
        'regel 3: deze regel is niet te lezen als CSV; staat er een aanhalingsteken (") te veel?']
