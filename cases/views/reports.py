from datetime import timedelta

import django_filters
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.reports import PageReportView

from cases.models import CaseStudyPage, Municipality

REVIEW_INTERVAL = timedelta(days=365)


class DueForReviewFilterSet(WagtailFilterSet):
    municipality = django_filters.ModelChoiceFilter(
        label=_("Municipality"), queryset=Municipality.objects.filter(page__isnull=False)
    )

    class Meta:
        model = CaseStudyPage
        fields = ["municipality"]


class DueForReviewView(PageReportView):
    """Published cases no moderator has reviewed in the last 12 months, oldest review first."""

    page_title = _("Cases due for review")
    header_icon = "time"
    results_template_name = "cases/reports/due_for_review_results.html"
    index_url_name = "cases_due_for_review"
    index_results_url_name = "cases_due_for_review_results"
    filterset_class = DueForReviewFilterSet
    any_permission_required = ["publish"]
    list_export = ["title", "municipality.name", "last_reviewed_at", "url"]
    export_headings = {
        "municipality.name": _("Municipality"),
        "last_reviewed_at": _("Last reviewed"),
        "url": _("Address"),
    }

    def get_filename(self):
        return f"insatser-att-granska-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self):
        publishable = self.permission_policy.instances_user_has_permission_for(
            self.request.user, "publish"
        )
        self.queryset = (
            CaseStudyPage.objects.live()
            .filter(pk__in=publishable.values("pk"))
            .filter(due_for_review_condition(timezone.now()))
            .select_related("municipality")
            .annotate(last_reviewed_at=F("review__last_reviewed_at"))
            .order_by(F("last_reviewed_at").asc(nulls_first=True), "title")
        )
        return super().get_queryset()


def due_for_review_condition(now):
    return Q(review__isnull=True) | Q(review__last_reviewed_at__lt=now - REVIEW_INTERVAL)
