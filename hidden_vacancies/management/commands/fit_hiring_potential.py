from django.core.management.base import BaseCommand

from hidden_vacancies.scoring import fit_hiring_potential


class Command(BaseCommand):
    help = "Refit the hiring-potential model and rewrite every score (the scheduled job)."

    def handle(self, **options):
        run = fit_hiring_potential()
        seconds = (run.finished_at - run.started_at).total_seconds()
        self.stdout.write(
            f"{run.establishments} establishments, {run.potentials} scores, {seconds:.1f} s."
        )
