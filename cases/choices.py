"""Fixed vocabularies of a case. Stored values are English; labels are translatable (Swedish UI)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Status(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")
    # Not in the original brief: follow-up needs to tell finished work from work that stopped early.
    DISCONTINUED = "discontinued", _("Discontinued")


class ImplementationStatus(models.TextChoices):
    """How far the initiative has come, recorded with each yearly follow-up (a fixed scale, so
    the years and the municipalities can be compared)."""

    NOT_STARTED = "not_started", pgettext_lazy("implementation", "Not started")
    LIMITED = "limited", pgettext_lazy("implementation", "Limited")
    SUBSTANTIAL = "substantial", pgettext_lazy("implementation", "Substantial")
    COMPLETED = "completed", pgettext_lazy("implementation", "Completed")
    ENDED_EARLY = "ended_early", pgettext_lazy("implementation", "Ended early")


class EvidenceLevel(models.TextChoices):
    NOT_EVALUATED = "not_evaluated", _("Not evaluated")
    PROMISING = "promising", _("Promising")
    EVALUATED_GOOD = "evaluated_good", _("Evaluated with good results")
    EVALUATED_MIXED = "evaluated_mixed", _("Evaluated with mixed or no effects")


# The published criteria behind each evidence level, shown on case pages and in the editor.
EVIDENCE_CRITERIA = {
    EvidenceLevel.NOT_EVALUATED: _(
        "The initiative has not been followed up systematically yet. The description builds on the "
        "experience of the people who ran it."
    ),
    EvidenceLevel.PROMISING: _(
        "Follow-up with measured indicators shows positive change for the target group, but the "
        "change has not been compared with a group or period without the initiative."
    ),
    EvidenceLevel.EVALUATED_GOOD: _(
        "An evaluation, internal or external, with a described method shows that the initiative "
        "achieved its goals, with measured results before and after."
    ),
    EvidenceLevel.EVALUATED_MIXED: _(
        "An evaluation with a described method found mixed effects or no effect. Such results are "
        "as useful to others as successes."
    ),
}


class EvaluationKind(models.TextChoices):
    NONE = "none", _("None")
    INTERNAL_FOLLOW_UP = "internal_follow_up", _("Internal follow-up")
    EXTERNAL_EVALUATION = "external_evaluation", _("External evaluation")
    RESEARCH_STUDY = "research_study", _("Research study")


class PartnerKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Another municipality")
    REGION = "region", _("Region")
    AGENCY = "agency", _("Government agency")
    CIVIL_SOCIETY = "civil_society", _("Civil society organisation")
    BUSINESS = "business", _("Business")
    EDUCATION = "education", _("School, university or adult education provider")
    OTHER = "other", _("Other")
