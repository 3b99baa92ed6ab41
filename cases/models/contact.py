from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import MultiFieldPanel

from cases.panels import field_row


class ContactFields(models.Model):
    """A contact for peers who want to learn more. Work details only; every field is optional,
    so editors publish exactly what the person agreed to (see README, personal data)."""

    contact_name = models.CharField(_("contact name"), max_length=150, blank=True)
    contact_role = models.CharField(_("role or unit"), max_length=200, blank=True)
    contact_email = models.EmailField(_("work email"), blank=True)
    contact_phone = models.CharField(_("work phone"), max_length=40, blank=True)

    class Meta:
        abstract = True

    @classmethod
    def contact_panel(cls):
        return MultiFieldPanel(
            [
                field_row("contact_name", "contact_role"),
                field_row("contact_email", "contact_phone"),
            ],
            heading=_("Contact"),
        )

    @property
    def has_contact(self) -> bool:
        return any((self.contact_name, self.contact_role, self.contact_email, self.contact_phone))
