from django.db import models
from django.utils.translation import gettext_lazy as _


class ContactMessage(models.Model):
    """A question a reader sent to a case's contact person through the contact page.

    Kept so the municipality's editors can see what was asked and mark it handled; deleted after
    CONTACT_MESSAGE_RETENTION_MONTHS by `prune_contact_messages` (docs/architecture.md, privacy).
    The contact person's address is not stored here: it stays on the case.
    """

    case = models.ForeignKey(
        "cases.CaseStudyPage",
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        related_name="contact_messages",
    )
    sender_name = models.CharField(_("name"), max_length=150)
    sender_email = models.EmailField(_("e-mail"))
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    message = models.TextField(_("message"))
    created = models.DateTimeField(_("sent"), auto_now_add=True, db_index=True)
    handled = models.BooleanField(_("handled"), default=False)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.sender_name} – {self.case}"
