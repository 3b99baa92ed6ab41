"""A backup of a real site restores into an empty database and media folder with every page,
revision, file and search result as it was (manage.py backup_site / restore_site)."""

import json
import os

import pytest

from tests.pg_cluster import own_postgres  # noqa: F401
from tests.servers import manage, manage_ok

# Content beyond the demo's: a yearly follow-up published as a new revision, a document.
ADD_CONTENT = """
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from cases.models import CaseStudyPage
from cases.models.case_parts import FollowUpUpdate

page = CaseStudyPage.objects.live().order_by("pk").first()
page.follow_ups.add(FollowUpUpdate(year=2025, text="Uppföljning: fler deltagare än väntat."))
page.title = page.title + " – uppföljd"
page.save_revision().publish()
page.save_revision()  # a draft on top of the published revision
document = Document(title="Slutrapport")
document.file.save("slutrapport.pdf", ContentFile(b"%PDF-1.4 slutrapport"), save=True)
"""

FINGERPRINT = """
import hashlib, json
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page, Revision
from cases.models.case_parts import FollowUpUpdate
from search.request import SearchRequest
from search.service import search_cases

def digest(field):
    with field.open("rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()

def searched(text):
    return [hit.page_id for hit in search_cases(SearchRequest(text=text, page_size=50)).hits]

print(json.dumps({
    "pages": [[p.pk, p.title, p.url_path, p.live, p.has_unpublished_changes,
               p.latest_revision_id, p.live_revision_id]
              for p in Page.objects.order_by("pk")],
    "revisions": [[r.pk, r.object_id, str(r.created_at),
                   hashlib.sha256(json.dumps(r.content, sort_keys=True).encode()).hexdigest()]
                  for r in Revision.objects.order_by("pk")],
    "follow_ups": [[f.page_id, f.year, f.text] for f in FollowUpUpdate.objects.order_by("pk")],
    "images": [[i.pk, i.title, i.file.name, digest(i.file)] for i in Image.objects.order_by("pk")],
    "documents": [[d.pk, d.title, d.file.name, digest(d.file)]
                  for d in Document.objects.order_by("pk")],
    "search": {q: searched(q) for q in ("skola", "språk", "uppföljd", "brobyggare", "")},
}))
"""


def _env(tmp_path, name, database_url):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DEBUG": "false",
        "SECRET_KEY": "backup-test-only",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(tmp_path / f"media-{name}"),
        "STATIC_ROOT": str(tmp_path / "static"),
        "BACKUP_ROOT": str(tmp_path / "backups"),
        "SEARCH_ENGINE_URL": "",
    }


def _fingerprint(env) -> dict:
    return json.loads(manage_ok(env, "shell", "-c", FINGERPRINT).strip().splitlines()[-1])


def _backup_and_restore(original, restored):
    manage_ok(original, "migrate", "--no-input")
    manage_ok(original, "first_run")
    manage_ok(original, "shell", "-c", ADD_CONTENT)
    before = _fingerprint(original)
    assert before["follow_ups"] and before["documents"] and before["images"]
    assert len(before["revisions"]) > len(before["pages"]) / 2
    assert before["search"]["uppföljd"]

    assert "Backup" in manage_ok(original, "backup_site")

    assert not os.path.exists(restored["MEDIA_ROOT"])
    assert "Restored backup" in manage_ok(restored, "restore_site", "--noinput")
    after = _fingerprint(restored)
    for part in before:
        assert after[part] == before[part], part


def test_sqlite_site_restores_into_an_empty_database_and_media_folder(tmp_path):
    original = _env(tmp_path, "original", f"sqlite:///{tmp_path / 'original.sqlite3'}")
    restored = _env(tmp_path, "restored", f"sqlite:///{tmp_path / 'restored.sqlite3'}")
    _backup_and_restore(original, restored)


@pytest.mark.postgres
def test_postgresql_site_restores_into_an_empty_database(tmp_path, own_postgres):  # noqa: F811
    own_postgres.create_database("restored")
    restored_url = own_postgres.url.rsplit("/", 1)[0] + "/restored"
    original = _env(tmp_path, "original", own_postgres.url)
    restored = _env(tmp_path, "restored", restored_url)
    _backup_and_restore(original, restored)


def test_restore_without_a_backup_says_so(tmp_path):
    env = _env(tmp_path, "empty", f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    result = manage(env, "restore_site", "--noinput")
    assert result.returncode != 0
    assert "Ingen fullständig säkerhetskopia" in result.stderr


def test_only_complete_backups_count_and_the_newest_are_kept():
    from cms import backups

    names = [
        backups.database_file_name("20261201-020000", "psql"),
        backups.media_file_name("20261201-020000"),
        backups.database_file_name("20261202-020000", "psql"),
        backups.media_file_name("20261202-020000"),
        backups.database_file_name("20261203-020000", "psql"),  # its media is still being written
        backups.database_file_name("20261202-020000", "psql") + ".metadata",
        "notes.txt",
    ]
    assert [backup.stamp for backup in backups.complete_backups(names)] == [
        "20261201-020000",
        "20261202-020000",
    ]
    assert backups.expired(names, keep=1) == [
        "kunskapsbanken-20261201-020000-db.psql.gz",
        "kunskapsbanken-20261201-020000-media.tar.gz",
    ]
    assert backups.expired(names, keep=0) == backups.expired(names, keep=1)
    assert backups.expired(names, keep=5) == []
