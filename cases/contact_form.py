"""The form a reader fills in to ask a case's contact person, and its spam checks.

Two checks that cost people nothing: a honeypot field people never see (bots fill every field)
and a minimum fill-in time, measured from a signed timestamp the form carries (bots post at
once; the signature stops them from sending an old one of their own making). Both give a gentle
Swedish message and keep everything typed, so a person caught by mistake only sends again.
"""

from __future__ import annotations

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext_lazy as _

SALT = "cases.contact_form.started"
# A form older than this was opened days ago: the timestamp is renewed and the person sends again.
MAX_AGE_SECONDS = 24 * 60 * 60


def new_started_token(now: float | None = None) -> str:
    return signing.dumps(round(now if now is not None else time.time(), 3), salt=SALT)


def seconds_since(token: str, now: float | None = None) -> float | None:
    """Seconds since the form was opened, or None for a missing, forged or expired token."""
    now = now if now is not None else time.time()
    try:
        started = signing.loads(token, salt=SALT, max_age=MAX_AGE_SECONDS)
    except (signing.BadSignature, TypeError):
        return None
    if not isinstance(started, (int, float)):
        return None
    return now - started


class ContactForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        error_messages={"required": _("Write your name.")},
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("The contact person replies to this address."),
        error_messages={
            "required": _("Write your e-mail address."),
            "invalid": _("Write a whole e-mail address, like namn@kommun.se."),
        },
    )
    organisation = forms.CharField(
        label=_("Organisation (optional)"),
        max_length=200,
        required=False,
        help_text=_("For example your municipality or administration."),
    )
    message = forms.CharField(
        label=_("Your message"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Write your message.")},
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that my name, organisation and e-mail address are passed on to the "
            "case's contact person together with my message."
        ),
        error_messages={
            "required": _(
                "Tick the box to agree that your address is passed on; "
                "without it we cannot send the message."
            )
        },
    )
    # The honeypot: hidden from sight and from screen readers by the template; its label tells a
    # person who meets it anyway (no CSS) what to do.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"id_{name}-help"

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                described = [attrs.get("aria-describedby", ""), f"id_{name}-error"]
                attrs["aria-describedby"] = " ".join(filter(None, described))
                attrs["aria-invalid"] = "true"

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if not message:
            raise forms.ValidationError(_("Write your message."), code="required")
        return message

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError(
                _(
                    "The message could not be sent: "
                    "the field 'Leave this field empty' must be empty."
                ),
                code="honeypot",
            )
        elapsed = seconds_since(self.data.get("started", ""))
        if elapsed is None:
            self.renew_started()
            raise forms.ValidationError(
                _("The form had been open too long. Your text is kept – send it again."),
                code="expired",
            )
        if elapsed < settings.CONTACT_FORM_MIN_SECONDS:
            raise forms.ValidationError(
                _(
                    "That was very quick – we check that a person is writing. Wait a few seconds "
                    "and send again; your text is kept."
                ),
                code="too_fast",
            )
        return cleaned

    def renew_started(self) -> None:
        data = self.data.copy()
        data["started"] = new_started_token()
        self.data = data

    @property
    def stopped_as_spam(self) -> bool:
        return any(
            error.code in ("honeypot", "too_fast", "expired")
            for error in self.errors.as_data().get(NON_FIELD_ERRORS, [])
        )
