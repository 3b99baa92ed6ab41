from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from cases.models import Municipality
from cases.participation import editor_group_name
from cms.invitations import invite_user
from core.roles import MODERATORS


class Command(BaseCommand):
    help = (
        "Create a user (or find one by email), give a role and email a link to choose a password. "
        "Role: --municipality CODE (municipality editor), --moderator or --administrator."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        role = parser.add_mutually_exclusive_group(required=True)
        role.add_argument("--municipality", metavar="CODE", help="SCB code, e.g. 1782")
        role.add_argument("--moderator", action="store_true")
        role.add_argument("--administrator", action="store_true")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")

    def handle(self, *args, email, municipality, moderator, administrator, **options):
        group = None
        if municipality:
            found = Municipality.objects.filter(code=municipality).first()
            if found is None:
                raise CommandError(f"No municipality has the code {municipality}.")
            group = Group.objects.filter(name=editor_group_name(found)).first()
            if group is None:
                raise CommandError(
                    f"{found.name} does not participate yet: run add_municipality {municipality}."
                )
        elif moderator:
            group = Group.objects.filter(name=MODERATORS).first()
            if group is None:
                raise CommandError("The moderator group is missing: run setup_site.")
        try:
            invitation = invite_user(
                email,
                group=group,
                superuser=administrator,
                first_name=options["first_name"],
                last_name=options["last_name"],
            )
        except ValidationError:
            raise CommandError(f"{email!r} is not a valid email address.") from None
        verb = "Created" if invitation.created else "Updated"
        self.stdout.write(f"{verb} {invitation.user.get_username()}; invitation sent to {email}.")
