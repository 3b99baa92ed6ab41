import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "For local use: create the superuser 'admin' with a random password the first time, keep "
        "the password in var/admin_password and print the credentials on every run."
    )

    def handle(self, *args, **options):
        password_file = settings.BASE_DIR / "var" / "admin_password"
        users = get_user_model().objects
        if not users.filter(username="admin").exists():
            password = secrets.token_urlsafe(12)
            users.create_superuser("admin", "admin@localhost", password)
            password_file.parent.mkdir(parents=True, exist_ok=True)
            password_file.write_text(password)
            password_file.chmod(0o600)
        if password_file.exists():
            password = password_file.read_text().strip()
            admin_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/admin/"
            self.stdout.write(f"Admin: {admin_url}  user: admin  password: {password}")
        else:
            self.stdout.write(
                "A user 'admin' already exists; its password was not set by this command."
            )
