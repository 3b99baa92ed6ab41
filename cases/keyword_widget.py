"""The keyword field of the case form: each keyword a chip, shown as written ("unga vuxna", not
'"unga vuxna"').

Wagtail's tag widget wraps multi-word tags in double quotes so that taggit does not split them on
spaces, and shows those quotes to the editor. Here the chips carry the words as written, the field
sends them comma-separated, and the widget quotes each one for taggit on the way in.
"""

from __future__ import annotations

import json

from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminTagWidget


def keyword_names(raw: str) -> list[str]:
    """The keywords in the comma-separated value the chips send, without quotes or blanks."""
    names = []
    for part in (raw or "").split(","):
        name = part.strip().strip('"').strip()
        if name and name not in names:
            names.append(name)
    return names


def taggit_string(names: list[str]) -> str:
    """Names quoted one by one, so taggit keeps "unga vuxna" as one keyword."""
    return ", ".join(f'"{name}"' for name in names)


class KeywordWidget(AdminTagWidget):
    def format_value(self, value):
        if isinstance(value, str) or value is None:
            return ", ".join(keyword_names(value or ""))
        return ", ".join(sorted((getattr(tag, "name", tag) for tag in value), key=str.casefold))

    def value_from_datadict(self, data, files, name):
        return taggit_string(keyword_names(data.get(name, "")))

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        attrs = context["widget"]["attrs"]
        options = json.loads(attrs["data-w-tag-options-value"])
        # null switches off the widget's own quoting of multi-word chips.
        options["preprocessTag"] = None
        attrs["data-w-tag-options-value"] = json.dumps(options)
        context["widget"]["help_text"] = _(
            "Press Enter or type a comma after each keyword. A keyword may have several words."
        )
        return context
