"""`manage.py startmicroservice NAME`: a new micro-service app that works as generated.

It has a manifest, a first page, a translations stub and its own tests, which pass as
generated; once the app is in INSTALLED_APPS and migrated it is in the store as
"being built". Built on Django's `startapp`, with the store's own app template.
"""

from pathlib import Path

from django.core.management.base import CommandError
from django.core.management.templates import TemplateCommand

from services_store.manifest import SLUG, Category

TEMPLATE = Path(__file__).resolve().parents[2] / "app_template"


class Command(TemplateCommand):
    help = "Create a micro-service app for the service store, ready to build on."
    missing_args_message = "Give the new micro-service's app name, e.g. training_finder."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--title", help="its name for people, e.g. 'Training finder'")
        parser.add_argument("--slug", help="its address under /services/ (from NAME if unset)")
        parser.add_argument("--category", default="finding-work", choices=Category.values)
        parser.add_argument("--team", default="Intrapreneur team")
        parser.add_argument("--intrapreneur", default="unassigned")
        parser.add_argument("--coach", default="unassigned")
        parser.add_argument("--it-lead", default="unassigned")

    def handle(self, **options):
        name, target = options.pop("name"), options.pop("directory")
        slug = options["slug"] or name.replace("_", "-")
        if not SLUG.match(slug):
            raise CommandError(f"'{slug}' cannot be an address: use a-z, 0-9 and hyphens.")
        options.update(
            slug=slug,
            title=options["title"] or name.replace("_", " ").capitalize(),
            category=Category(options["category"]).name,
            template=str(TEMPLATE),
        )
        super().handle("app", name, target, **options)
        self.stdout.write(
            f"Created the micro-service '{name}' ({slug}). Add '{name}' to INSTALLED_APPS "
            "and run `manage.py migrate`: it appears in the store as being built."
        )
