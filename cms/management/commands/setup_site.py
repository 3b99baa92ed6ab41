from django.core.management.base import BaseCommand

from cases.municipality_list import load_municipalities, read_official_list
from cms.models import SiteSettings
from cms.site_structure import ensure_contact_email, ensure_site_structure
from cms.site_url import apply_site_url
from themes.taxonomy import load_taxonomy, read_taxonomy


class Command(BaseCommand):
    help = (
        "Prepare a fresh database: the 290 municipalities, the programme's focus areas and target "
        "groups, and the page skeleton (home, /kommuner/, /teman/, /om/ and the accessibility "
        "statement). Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--contact-email",
            default="",
            help="The public contact to use unless one is set (before CONTACT_EMAIL; the demo's).",
        )

    def handle(self, *args, **options):
        created, updated = load_municipalities(read_official_list())
        self.stdout.write(f"Municipalities: {created} created, {updated} updated.")
        self.stdout.write(
            f"Focus areas and target groups: {load_taxonomy(read_taxonomy())} created."
        )
        # Before the structure, so that the accessibility statement it writes names the address.
        ensure_contact_email(options["contact_email"])
        home = ensure_site_structure()
        self.stdout.write(f"Site structure ready under '{home.title}'.")
        site = apply_site_url()
        if site is not None:
            self.stdout.write(f"Site address: {site.hostname}:{site.port} (from SITE_URL).")
        if not SiteSettings.load().contact_email:
            self.stdout.write(
                "No contact email yet: set one in Settings → Site settings and add it to the "
                "accessibility statement, which tells visitors how to report problems."
            )
