"""Round trip: the demo cases exported, deleted and imported again have the same structured
fields – every importable column – in every file format officers use."""

import pytest
from django.utils import translation

from cases.exchange.case_rows import PageUrls, case_rows
from cases.exchange.columns import EXPORT_COLUMNS, IMPORT_COLUMNS
from cases.exchange.import_rows import ImportContext, validate_rows
from cases.exchange.importer import apply
from cases.exchange.reading import read_table
from cases.exchange.writers import stream
from cases.models import CaseStudyPage, public_cases

pytestmark = pytest.mark.django_db

# The contact's e-mail address is imported but never exported, so it cannot come back.
IMPORTABLE = [column.key for column in IMPORT_COLUMNS if column.exported]


def importable(rows) -> dict[tuple[str, str], dict]:
    return {(row["kommunkod"], row["titel"]): {key: row[key] for key in IMPORTABLE} for row in rows}


@pytest.mark.parametrize(
    ("format_key", "file_name"),
    [("xlsx", "insatser.xlsx"), ("csv", "insatser.csv"), ("csv-semikolon", "insatser.csv")],
)
def test_exported_cases_imported_into_an_empty_platform_are_equal(format_key, file_name):
    urls = PageUrls()
    exported = list(case_rows(public_cases().order_by("pk"), urls))
    assert len(exported) >= 40
    content = b"".join(stream(format_key, EXPORT_COLUMNS, exported))

    for case in CaseStudyPage.objects.all():
        case.delete()
    assert not CaseStudyPage.objects.exists()

    with translation.override("sv"):
        report = validate_rows(read_table(content, file_name), ImportContext.load())
    assert report.file_errors == []
    assert [row.errors for row in report.invalid] == []
    summary = apply(report)
    assert len(summary.created) == len(exported)

    drafts = CaseStudyPage.objects.filter(pk__in=[item.page_id for item in summary.created])
    assert not drafts.filter(live=True).exists()
    assert importable(case_rows(drafts.order_by("pk"), urls)) == importable(exported)
