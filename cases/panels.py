"""Panel lists the admin's edit forms share, so each model lists only what is its own.

A name stands for a plain FieldPanel; a panel passes through unchanged. cms/ uses these too.
"""

from wagtail.admin.panels import FieldPanel, FieldRowPanel, Panel
from wagtail.models import Page


def field_panels(*items: str | Panel) -> list[Panel]:
    return [FieldPanel(item) if isinstance(item, str) else item for item in items]


def field_row(*items: str | Panel) -> FieldRowPanel:
    """Fields side by side on one row."""
    return FieldRowPanel(field_panels(*items))


def page_content(*items: str | Panel) -> list[Panel]:
    """A page's content tab: the title and slug, then the page type's own fields."""
    return [*Page.content_panels, *field_panels(*items)]


def page_promote(*items: str | Panel) -> list[Panel]:
    """A page's promote tab: Wagtail's fields, then the page type's own."""
    return [*Page.promote_panels, *field_panels(*items)]
