from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Subscription


def email_field() -> forms.EmailField:
    """The visitor's own address, with the same Swedish messages on every form that asks for it."""
    return forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        error_messages={
            "required": _("Enter your e-mail address."),
            "invalid": _("Enter a valid e-mail address, such as name@example.se."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class SubscribeForm(forms.Form):
    email = email_field()
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=Subscription.Frequency.choices,
        initial=Subscription.Frequency.WEEKLY,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose weekly or at once.")},
    )


class EraseForm(forms.Form):
    email = email_field()
