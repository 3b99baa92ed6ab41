from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchWeekStat(models.Model):
    """How often a query was searched in a week, found nothing, and led to a click.

    Only the normalised query text and counts: no address, user or session is stored, so the
    statistics hold no personal data beyond what people type into the box.
    """

    week = models.DateField(_("week (Monday)"), db_index=True)
    query = models.CharField(_("query"), max_length=200)
    searches = models.PositiveIntegerField(_("searches"), default=0)
    zero_results = models.PositiveIntegerField(_("searches without results"), default=0)
    clicks = models.PositiveIntegerField(_("clicks on results"), default=0)

    class Meta:
        verbose_name = _("search statistic")
        verbose_name_plural = _("search statistics")
        constraints = [
            models.UniqueConstraint(fields=["week", "query"], name="one_stat_per_query_and_week")
        ]

    def __str__(self) -> str:
        return f"{self.week} {self.query}: {self.searches}"

    @property
    def click_through(self) -> float | None:
        return self.clicks / self.searches if self.searches else None
