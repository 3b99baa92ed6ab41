from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_TERMS = 20
MAX_TERM_LENGTH = 100


def split_terms(text: str) -> list[str]:
    """The words and phrases of a group: one per line or separated by commas, lower-case,
    spaces folded, duplicates dropped, in the order written."""
    terms = []
    for line in (text or "").replace(",", "\n").splitlines():
        term = " ".join(line.lower().split())
        if term and term not in terms:
            terms.append(term)
    return terms


class SynonymGroup(models.Model):
    """Words and phrases that mean the same in a search, kept by the agency's editors.

    A search for any of them also finds cases with the others. The database engines read the
    active groups at query time (search.analysis.synonyms.current()); see search/synonyms.py for
    how the cluster follows.
    """

    class Kind(models.TextChoices):
        SYNONYM = "synonym", _("Synonyms")
        ACRONYM = "acronym", _("Acronym")

    words = models.TextField(
        _("words and phrases"),
        help_text=_(
            "One word or phrase per line (or separated by commas). A search for any of them also "
            "finds the others. For an acronym, write the acronym first and then what it stands "
            "for, e.g. “sfi” and “svenska för invandrare”."
        ),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SYNONYM)
    note = models.TextField(
        _("note"), blank=True, help_text=_("Why the group exists, for the next editor.")
    )
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive groups are kept but not used.")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("synonym group")
        verbose_name_plural = _("synonyms and acronyms")
        ordering = ["words"]

    def __str__(self) -> str:
        return ", ".join(self.terms)

    @property
    def terms(self) -> list[str]:
        return split_terms(self.words)

    def clean(self):
        terms = self.terms
        if len(terms) < 2:
            raise ValidationError(
                {"words": _("Write at least two words or phrases that mean the same.")}
            )
        if len(terms) > MAX_TERMS:
            message = _("At most %(count)d words or phrases in one group.")
            raise ValidationError({"words": message % {"count": MAX_TERMS}})
        if any(len(term) > MAX_TERM_LENGTH for term in terms):
            message = _("A word or phrase can be at most %(count)d characters long.")
            raise ValidationError({"words": message % {"count": MAX_TERM_LENGTH}})
        # Stored as typed but normalised, one per line, so the list reads the same for everyone.
        self.words = "\n".join(terms)
