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
    """Every level a case can show. All but TRIED_IN_SEVERAL are chosen by the editor; that one
    is derived from the cases it inspired (cases/evidence.py). Values stay within 20 characters
    (the field's max_length)."""

    NOT_EVALUATED = "not_evaluated", _("Not evaluated")
    PROMISING = "promising", _("Promising")
    TRIED_IN_SEVERAL = "tried_in_several", _("Tried in several municipalities")
    EVALUATED_GOOD = "evaluated_good", _("Evaluated with good results")
    # Before the ladder got "no effect shown" this level also held evaluations that found no
    # effect; existing cases kept it (only their editors know which they were).
    EVALUATED_MIXED = "evaluated_mixed", _("Evaluated with mixed effects")
    NO_EFFECT = "no_effect", _("No effect shown")


class ChosenEvidenceLevel:
    """EvidenceLevel without the derived level: what an editor or an import file may set (the
    derived level is never stored). Offers `choices` and `values` like a TextChoices class."""

    choices = [
        (value, label)
        for value, label in EvidenceLevel.choices
        if value != EvidenceLevel.TRIED_IN_SEVERAL
    ]
    values = [value for value, _label in choices]


# The default criteria of each level: what the data migration seeded EvidenceLevelCriterion with
# and what is shown for a level whose row a superuser deleted. Moderators edit the published text
# in the admin.
EVIDENCE_CRITERIA = {
    EvidenceLevel.NOT_EVALUATED: _(
        "The initiative has not been followed up systematically yet. The description builds on the "
        "experience of the people who ran it."
    ),
    EvidenceLevel.PROMISING: _(
        "Follow-up with measured indicators shows positive change for the target group, but the "
        "change has not been compared with a group or period without the initiative."
    ),
    EvidenceLevel.TRIED_IN_SEVERAL: _(
        "Cases in at least two other municipalities name this initiative as their inspiration and "
        "report results of their own: at least one result indicator with a measured outcome, or a "
        "level of their own from Promising upwards. The level is set by Kunskapsbanken from these "
        "links, not chosen by the municipality."
    ),
    EvidenceLevel.EVALUATED_GOOD: _(
        "An evaluation, internal or external, with a described method shows that the initiative "
        "achieved its goals, with measured results before and after."
    ),
    EvidenceLevel.EVALUATED_MIXED: _(
        "An evaluation with a described method found mixed effects: the initiative worked for some "
        "goals or groups and not for others."
    ),
    EvidenceLevel.NO_EFFECT: _(
        "An evaluation with a described method found no effect on the goals. What did not work is "
        "as useful to others as a success."
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
