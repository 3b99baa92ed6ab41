"""The database engine's index: one row per indexed case, its document, its list values, and the
vocabulary.

The rows are keyed by page id without a foreign key, so the index lives its own life: it is
rebuilt, reconciled and cleared independently of the pages. The full-text part is not a model
field because it differs per vendor (migration 0002): an FTS5 table on SQLite, a tsvector
column with a GIN index on PostgreSQL.
"""

from django.db import models


class CaseSearchEntry(models.Model):
    page_id = models.IntegerField(primary_key=True)
    version = models.CharField(max_length=64, blank=True)
    title = models.TextField()
    folded_title = models.TextField(help_text="Title without accents, for autocomplete.")
    municipality_code = models.CharField(max_length=20, blank=True)
    municipality = models.CharField(max_length=255, blank=True)
    municipality_url = models.TextField(blank=True)
    county_code = models.CharField(max_length=20, blank=True)
    county = models.CharField(max_length=255, blank=True)
    status = models.CharField(max_length=50, blank=True)
    evidence_level = models.CharField(max_length=50, blank=True)
    start_date = models.DateField(null=True)
    start_year = models.SmallIntegerField(null=True)
    end_year = models.SmallIntegerField(null=True)
    has_indicators = models.BooleanField(default=False)
    published_at = models.DateTimeField(null=True)
    url = models.TextField(blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["-published_at", "-page_id"], name="case_search_newest"),
            models.Index(fields=["-start_date", "-page_id"], name="case_search_start"),
        ]

    def __str__(self) -> str:
        return self.title


class CaseSearchDocument(models.Model):
    """The whole search document of an entry: hits and highlights are built from it.

    A table of its own so that entry rows stay narrow: facet counts scan entries, and a scan reads
    whole rows (on SQLite with 10,000 synthetic cases, counts took three times as long with the
    document in the entry row, and real bodies are longer).
    """

    entry = models.OneToOneField(
        CaseSearchEntry, on_delete=models.CASCADE, primary_key=True, related_name="document"
    )
    data = models.JSONField()

    def __str__(self) -> str:
        return str(self.entry_id)


class CaseSearchTag(models.Model):
    """One theme, keyword or target group of an indexed case, for filters, facet counts and their
    labels in each language, and focus-area suggestions (which link to `url`)."""

    entry = models.ForeignKey(CaseSearchEntry, on_delete=models.CASCADE, related_name="tags")
    kind = models.CharField(max_length=20)  # "themes", "keywords" or "target_groups"
    slug = models.CharField(max_length=255)
    name = models.CharField(max_length=255)
    name_en = models.CharField(max_length=255, blank=True)
    url = models.TextField(blank=True)  # a focus area's page; blank for the other kinds

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["entry", "kind", "slug"], name="case_search_tag_once")
        ]
        # Covers both the filter (kind, slug -> entries) and the facet count (kind -> slugs, names).
        indexes = [
            models.Index(
                fields=["kind", "slug", "entry", "name", "name_en"], name="case_search_tag_lookup"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.slug}"


class CaseSearchWord(models.Model):
    """A word seen in indexed text, for did-you-mean.

    Only ever added to (and emptied by clear): a word whose cases are gone may be offered as a
    correction, but a correction is only suggested when searching for it finds something.
    """

    word = models.CharField(max_length=64, primary_key=True)
    stem = models.CharField(max_length=64, db_index=True)

    def __str__(self) -> str:
        return self.word


# The search statistics live in a module of their own; importing them here registers the model.
from .analytics_models import SearchWeekStat  # noqa: E402, F401
from .outbox_models import PendingClusterUpdate  # noqa: E402, F401
from .synonyms_models import SynonymGroup  # noqa: E402, F401
