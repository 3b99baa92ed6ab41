"""Reading import files: CSV in any common encoding and delimiter, XLSX cells as typed text, and a
clear message for every file that cannot be used."""

import io
from datetime import date, datetime

import pytest
from django.utils import translation
from openpyxl import Workbook

from cases.exchange.reading import MAX_FILE_BYTES, header_key, read_table

HEADING = "kommunkod;titel;sammanfattning;fokusomraden;status"
ROW = "1782;Läxhjälp på biblioteket;Kort text.;grundskola;ongoing"


def read(content: bytes, name: str):
    """Messages are for the officers who filled in the file, so the tests read them in Swedish."""
    with translation.override("sv"):
        return read_table(content, name)


def xlsx(rows, sheet_title="Blad1", extra_sheets=()) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title
    for values in rows:
        sheet.append(values)
    for title, sheet_rows in extra_sheets:
        extra = workbook.create_sheet(title)
        for values in sheet_rows:
            extra.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_csv_delimiter_is_sniffed_from_the_heading(delimiter):
    text = f"{HEADING}\n{ROW}\n".replace(";", delimiter)
    table = read_table(text.encode("utf-8"), "insatser.csv")
    assert table.readable, table.errors
    assert table.rows[0].values["titel"] == "Läxhjälp på biblioteket"
    assert table.rows[0].number == 2


def test_excels_sep_line_is_honoured_and_row_numbers_follow_the_file():
    text = f"sep=,\n{HEADING.replace(';', ',')}\n{ROW.replace(';', ',')}\n"
    table = read_table(text.encode("utf-8"), "insatser.csv")
    assert table.rows[0].values["kommunkod"] == "1782"
    assert table.rows[0].number == 3


def test_utf8_with_bom_and_utf16_are_read_without_warnings():
    for content in (
        b"\xef\xbb\xbf" + f"{HEADING}\n{ROW}\n".encode(),
        f"{HEADING}\n{ROW}\n".replace(";", "\t").encode("utf-16"),
    ):
        table = read_table(content, "insatser.csv")
        assert table.rows[0].values["titel"] == "Läxhjälp på biblioteket"
        assert table.warnings == []


def test_windows_encoded_csv_is_read_with_a_warning():
    table = read(f"{HEADING}\n{ROW}\n".encode("cp1252"), "insatser.csv")
    assert table.rows[0].values["titel"] == "Läxhjälp på biblioteket"
    assert len(table.warnings) == 1
    assert "inte sparad som UTF-8" in table.warnings[0]


def test_quoted_cells_may_hold_delimiters_and_line_breaks():
    text = f'{HEADING}\n1782;"Titel; med semikolon";"Rad ett\nrad två";grundskola;ongoing\n{ROW}\n'
    table = read_table(text.encode(), "insatser.csv")
    assert table.rows[0].values["titel"] == "Titel; med semikolon"
    assert table.rows[0].values["sammanfattning"] == "Rad ett\nrad två"
    assert [source.number for source in table.rows] == [2, 3]  # records, as a spreadsheet counts


def test_headings_are_matched_loosely_and_swedish_labels_work():
    assert header_key(" Fokusområden ") == "fokusomraden"
    assert header_key("Bidrag (kr)") == "bidrag_kr"
    assert header_key("Kontakt e-post") == "kontakt_epost"
    assert header_key("KOMMUNKOD") == "kommunkod"


def test_export_only_columns_are_ignored_so_an_export_can_be_imported():
    text = f"id;kommun;url;{HEADING}\n7;Filipstad;https://x.example/;{ROW}\n"
    table = read_table(text.encode(), "export.csv")
    assert table.readable
    assert "id" not in table.rows[0].values


def test_unknown_and_missing_headings_are_file_errors_naming_them():
    table = read(b"kommunkod;rubrik;status\n1782;x;ongoing\n", "fel.csv")
    assert not table.readable
    assert table.errors[0].startswith("Okända kolumnrubriker: “rubrik”")
    assert any("titel" in error and "sammanfattning" in error for error in table.errors)


def test_a_repeated_heading_is_a_file_error():
    table = read_table(f"{HEADING};titel\n{ROW};igen\n".encode(), "dubbel.csv")
    assert any("titel" in error for error in table.errors)


def test_empty_rows_are_skipped_but_row_numbers_stay_true():
    table = read_table(f"{HEADING}\n;;;;\n\n{ROW}\n".encode(), "luckor.csv")
    assert [source.number for source in table.rows] == [4]


def test_text_right_of_the_headings_is_flagged():
    table = read_table(f"{HEADING}\n{ROW};överbliven\n".encode(), "skev.csv")
    assert table.rows[0].extra_cells


def test_formula_protection_from_exports_is_undone():
    table = read_table(f"{HEADING}\n1782;'=Summa;x;grundskola;ongoing\n".encode(), "f.csv")
    assert table.rows[0].values["titel"] == "=Summa"


def test_xlsx_cells_become_the_text_an_officer_typed():
    content = xlsx(
        [
            ["kommunkod", "titel", "sammanfattning", "fokusomraden", "status", "startdatum",
             "slutdatum", "bidrag_kr", "total_budget_kr"],
            [1782, "Läxhjälp", "Kort.", "grundskola", "completed", datetime(2023, 8, 15),
             45_108, 2_100_000.0, 2_600_000],
        ]
    )  # fmt: skip
    table = read_table(content, "insatser.xlsx")
    assert table.file_format == "xlsx"
    values = table.rows[0].values
    assert values["kommunkod"] == "1782"
    assert values["startdatum"] == "2023-08-15"
    assert values["slutdatum"] == date(2023, 7, 1).isoformat()  # Excel's day number 45108
    assert values["bidrag_kr"] == "2100000"
    assert values["total_budget_kr"] == "2600000"


def test_xlsx_prefers_the_insatser_sheet_and_skips_the_instructions():
    rows = [HEADING.split(";"), ROW.split(";")]
    named = xlsx([["annat"]], extra_sheets=[("Insatser", rows)])
    assert read_table(named, "a.xlsx").rows[0].values["titel"] == "Läxhjälp på biblioteket"
    instructions_first = xlsx([["Kolumn", "Beskrivning"]], sheet_title="Instruktioner",
                              extra_sheets=[("Mina insatser", rows)])  # fmt: skip
    assert read_table(instructions_first, "b.xlsx").readable


def test_xlsx_heading_below_a_blank_row_keeps_spreadsheet_row_numbers():
    table = read_table(xlsx([[None], HEADING.split(";"), ROW.split(";")]), "c.xlsx")
    assert table.rows[0].number == 3


@pytest.mark.parametrize(
    ("content", "name", "words"),
    [
        (b"", "tom.csv", "Filen är tom"),
        (b"\xef\xbb\xbf  \r\n", "tom.csv", "Filen är tom"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "rapport.xlsx", "PDF-dokument"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "gammal.xls", "(.xls)"),
        (b"PK\x03\x04 not really a zip", "trasig.xlsx", "skadad"),
        (b"just text", "text.xlsx", "inte en Excel-arbetsbok"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "bild.csv", "inte en textfil"),
        (f"{HEADING}\n".encode(), "bara-rubriker.csv", "inga rader"),
    ],
)
def test_files_that_cannot_be_used_get_a_clear_message(content, name, words):
    table = read(content, name)
    assert not table.readable
    assert words in table.errors[0]


def test_a_word_document_renamed_xlsx_is_refused():
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    table = read(buffer.getvalue(), "rapport.xlsx")
    assert "inte en Excel-arbetsbok" in table.errors[0]


def test_a_huge_file_is_refused_before_parsing():
    table = read(b"x" * (MAX_FILE_BYTES + 1), "stor.csv")
    assert f"högst {MAX_FILE_BYTES // 1024 // 1024} MB" in table.errors[0]


def test_a_workbook_with_a_damaged_sheet_gets_a_message_not_an_exception():
    import zipfile

    original = zipfile.ZipFile(io.BytesIO(xlsx([HEADING.split(";"), ROW.split(";")])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as damaged:
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]
            damaged.writestr(item, data)
    table = read(buffer.getvalue(), "trasig.xlsx")
    assert "skadad" in table.errors[0]
