from django.core.management.base import BaseCommand, CommandError

from cases.models import Municipality
from cases.participation import add_participant


class Command(BaseCommand):
    help = (
        "Make municipalities participants in one step: their page under /kommuner/, their editor "
        "group with rights on that subtree only, and their image and document collection. "
        "Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("codes", nargs="+", metavar="CODE", help="SCB code, e.g. 1782")

    def handle(self, *args, codes, **options):
        municipalities = {m.code: m for m in Municipality.objects.filter(code__in=codes)}
        unknown = sorted(set(codes) - set(municipalities))
        if unknown:
            raise CommandError(f"Unknown municipality codes: {', '.join(unknown)}.")
        for code in codes:
            participant = add_participant(municipalities[code])
            state = "created" if participant.created else "already participating; rights checked"
            self.stdout.write(
                f"{participant.page.title}: {state}. Page {participant.page.url}, "
                f"group '{participant.editors.name}', collection '{participant.collection.name}'."
            )
