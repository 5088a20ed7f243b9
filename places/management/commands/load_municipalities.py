from django.core.management.base import BaseCommand

from places.loading import load_municipalities


class Command(BaseCommand):
    help = "Load the country's municipalities (PLACES_COUNTRY) with their coordinates."

    def add_arguments(self, parser):
        parser.add_argument("--country", help="ISO 3166 code, e.g. FR")
        parser.add_argument("--min-population", type=int)

    def handle(self, country=None, min_population=None, **options):
        created = load_municipalities(country, min_population)
        self.stdout.write(f"{created} municipalities added.")
