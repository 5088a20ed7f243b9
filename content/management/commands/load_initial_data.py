from django.core.management.base import BaseCommand

from content.demo.loader import load_demo_content


class Command(BaseCommand):
    help = (
        "Load the demo portal: pages in six languages, podcast, webinars, the service store "
        "and the micro-tools' sample data (idempotent)."
    )

    def handle(self, *args, **options):
        created = load_demo_content()
        created += self._micro_tool_data()
        if created:
            self.stdout.write(self.style.SUCCESS(f"Demo content loaded ({created} objects)."))
        else:
            self.stdout.write("Demo content already present; nothing changed.")

    def _micro_tool_data(self):
        """Sample establishments and trainings: data rather than content, kept out of the
        test suite's demo (its own tests load what they need)."""
        from hidden_vacancies.demo import ensure_demo as ensure_vacancy_demo
        from training_finder.demo import ensure_demo as ensure_training_demo

        return ensure_vacancy_demo() + ensure_training_demo()
