from django.core.management.base import BaseCommand

from content.demo.loader import load_demo_content


class Command(BaseCommand):
    help = "Load the demo portal: home pages, sections and contact in six languages (idempotent)."

    def handle(self, *args, **options):
        created = load_demo_content()
        if created:
            self.stdout.write(self.style.SUCCESS(f"Demo content loaded ({created} objects)."))
        else:
            self.stdout.write("Demo content already present; nothing changed.")
