"""The help panel on the case editor's Results tab: the criteria of every level as moderators
last published them (read when the editor opens, not when the class is defined)."""

from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from wagtail.admin.panels import HelpPanel

from cases.evidence import DERIVED, criteria_by_level


def criteria_help_html() -> str:
    """The criteria of every level, for the editor choosing one."""
    criteria = criteria_by_level()
    return format_html_join(
        "",
        "<p><strong>{}:</strong> {}{}</p>",
        (
            (
                criterion.label,
                criterion.criteria,
                format_html(" <em>{}</em>", _("(Set automatically, cannot be chosen.)"))
                if level == DERIVED
                else "",
            )
            for level, criterion in criteria.items()
        ),
    )


class EvidenceHelpPanel(HelpPanel):
    """A HelpPanel whose content is read when the editor opens, not when the class is defined."""

    class BoundPanel(HelpPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.content = criteria_help_html()
