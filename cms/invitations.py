"""Creating admin users and inviting them by email to choose their own password.

New users get no password: the invitation carries a one-time link (Django's password-reset token,
valid for PASSWORD_RESET_TIMEOUT), so no password ever travels by email or through the person
running the command. The link opens AcceptInvitationView – "Välkommen – välj lösenord" – which
signs the person in once the password is saved, when its URL is mounted as "accept_invitation"
(cms/invitation_urls.py); until then it opens Wagtail's set-password page, which our template
(cms/templates/wagtailadmin/account/password_reset/confirm.html) words as an invitation for
someone who has never logged in.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse, reverse_lazy
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from wagtail.admin.views.account import PasswordResetConfirmView


@dataclass
class Invitation:
    user: object
    created: bool
    link: str


@transaction.atomic
def invite_user(
    email: str,
    *,
    group: Group | None = None,
    superuser: bool = False,
    first_name: str = "",
    last_name: str = "",
) -> Invitation:
    """Create (or find) the user with this email, add the role, and email a set-password link."""
    email = email.strip().lower()
    validate_email(email)
    user_model = get_user_model()
    user = user_model.objects.filter(email__iexact=email).first()
    created = user is None
    if created:
        user = user_model(username=email, email=email, first_name=first_name, last_name=last_name)
        user.set_unusable_password()
        user.save()
    if superuser:
        user.is_superuser = user.is_staff = True
        user.save(update_fields=["is_superuser", "is_staff"])
    if group is not None:
        user.groups.add(group)
    link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + invitation_path(user)
    role = _("administrator") if superuser else (group.name if group else _("user"))
    send_mail(
        subject=_("Invitation to Kunskapsbanken"),
        message=_(
            "You have been given access to Kunskapsbanken as %(role)s.\n\n"
            "Choose your password here (the link works once):\n%(link)s\n\n"
            "Your user name is %(username)s."
        )
        % {"role": role, "link": link, "username": user.get_username()},
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[email],
    )
    return Invitation(user=user, created=created, link=link)


def invitation_path(user) -> str:
    kwargs = {
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    }
    return reverse("accept_invitation", kwargs=kwargs)


class AcceptInvitationView(PasswordResetConfirmView):
    """Choosing the first password from the invitation's link, then straight to the dashboard."""

    post_reset_login = True
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"
    success_url = reverse_lazy("wagtailadmin_home")
    extra_context = {"invitation": True}

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Welcome to Kunskapsbanken! Your password is saved."))
        return response
