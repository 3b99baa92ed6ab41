"""Filters of /statistik/ and the follow-up report: from year (fran), to year (till), county (lan).

Nothing here rejects a request. A value that is not a year or not a county is ignored, a year
outside the allowed range is clamped and a reversed range is swapped – each with a notice that
says what happened – so a hand-edited or stale link still shows figures instead of an error.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.models import Municipality
from cases.params import parse_int
from cases.validation import EARLIEST_YEAR, LATEST_YEAR

from .figures import FigureFilters

MAX_SHOWN_INPUT = 20  # characters of a rejected value repeated back in a notice


def county_choices() -> list[tuple[str, str]]:
    counties = Municipality.objects.order_by("county_code").values_list(
        "county_code", "county_name"
    )
    return list(counties.distinct())


class FigureFilterForm(forms.Form):
    """Bind to request.GET, then read .filters and .notices. No clean method raises."""

    fran = forms.CharField(
        label=gettext_lazy("From year"),
        required=False,
        widget=forms.NumberInput(
            attrs={"min": EARLIEST_YEAR, "max": LATEST_YEAR, "inputmode": "numeric"}
        ),
    )
    till = forms.CharField(
        label=gettext_lazy("To year"),
        required=False,
        widget=forms.NumberInput(
            attrs={"min": EARLIEST_YEAR, "max": LATEST_YEAR, "inputmode": "numeric"}
        ),
    )
    # A CharField with a select, so an unknown code reaches clean_lan instead of failing the form.
    lan = forms.CharField(label=gettext_lazy("County"), required=False, widget=forms.Select)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.notices: list[str] = []
        self._counties = county_choices()
        self.fields["lan"].widget.choices = [("", _("All counties")), *self._counties]

    @classmethod
    def showing(cls, filters: FigureFilters) -> FigureFilterForm:
        """An unbound form showing the filters in use (not the raw input that was corrected)."""
        return cls(initial=filters.as_params())

    def clean_fran(self) -> int | None:
        return self._year("fran")

    def clean_till(self) -> int | None:
        return self._year("till")

    def clean_lan(self) -> str | None:
        raw = self.cleaned_data["lan"]
        if not raw:
            return None
        if raw not in {code for code, _name in self._counties}:
            self.notices.append(
                _("“%(value)s” is not a county code, so all counties are shown.")
                % {"value": raw[:MAX_SHOWN_INPUT]}
            )
            return None
        return raw

    def clean(self):
        cleaned_data = super().clean()
        year_from, year_to = cleaned_data.get("fran"), cleaned_data.get("till")
        if year_from is not None and year_to is not None and year_from > year_to:
            self.notices.append(_("The from year was after the to year, so the two were swapped."))
            cleaned_data["fran"], cleaned_data["till"] = year_to, year_from
        return cleaned_data

    def _year(self, name: str) -> int | None:
        raw = self.cleaned_data[name]
        if not raw:
            return None
        label = self.fields[name].label
        year = parse_int(raw, low=0, high=9999)
        if year is None:
            self.notices.append(
                _("%(field)s: “%(value)s” is not a year and was ignored.")
                % {"field": label, "value": raw[:MAX_SHOWN_INPUT]}
            )
            return None
        clamped = min(max(year, EARLIEST_YEAR), LATEST_YEAR)
        if clamped != year:
            self.notices.append(
                _("%(field)s: %(value)d is outside %(first)d–%(last)d, so %(used)d was used.")
                % {
                    "field": label,
                    "value": year,
                    "first": EARLIEST_YEAR,
                    "last": LATEST_YEAR,
                    "used": clamped,
                }
            )
        return clamped

    @property
    def filters(self) -> FigureFilters:
        """The filters in use; no filters for an unbound form."""
        if not self.is_bound or not self.is_valid():
            return FigureFilters()
        return FigureFilters(
            year_from=self.cleaned_data["fran"],
            year_to=self.cleaned_data["till"],
            county_code=self.cleaned_data["lan"],
        )

    def describe(self) -> str:
        """The filters in use in words, e.g. 'Värmlands län, 2019–2022'; '' for none."""
        filters = self.filters
        parts = []
        if filters.county_code is not None:
            parts.append(dict(self._counties)[filters.county_code])
        if filters.year_from is not None and filters.year_to is not None:
            parts.append(f"{filters.year_from}–{filters.year_to}")
        elif filters.year_from is not None:
            parts.append(_("from %(year)d") % {"year": filters.year_from})
        elif filters.year_to is not None:
            parts.append(_("up to %(year)d") % {"year": filters.year_to})
        return ", ".join(parts)
