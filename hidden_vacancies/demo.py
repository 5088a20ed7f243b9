"""Demo data for the finder: `ensure_demo()` is called by the portal's demo loader
(`load_initial_data`). The same generator as `generate_vacancy_sample`, rows imported
through the same checks, straight from memory; then the scores are fitted."""

from django.utils import timezone

from hidden_vacancies.importing import EstablishmentImporter, HiringImporter
from hidden_vacancies.mapping import ensure_seed_mapping
from hidden_vacancies.models import Establishment, HiringPotential
from hidden_vacancies.sample import Generator, last_full_month, places_from_database
from hidden_vacancies.scoring import fit_hiring_potential
from portal.csv_import.files import Record

DEMO_ESTABLISHMENTS = 20_000
DEMO_SEED = 2026
CHUNK = 5000


def ensure_demo(establishments=DEMO_ESTABLISHMENTS, seed=DEMO_SEED, today=None):
    """Load municipalities, the seed mapping, `establishments` sample establishments with
    two years of hires ending last month, and fit their scores. Does nothing when the
    establishments are there and scored; returns how many establishments it created."""
    from places.loading import load_municipalities
    from places.models import Municipality

    if not Municipality.objects.exists():
        load_municipalities()
    ensure_seed_mapping()
    existing = Establishment.objects.count()
    if existing >= establishments and HiringPotential.objects.exists():
        return 0
    end = last_full_month(today or timezone.localdate())
    generator = Generator(places_from_database(), seed, end)
    _import(generator.establishments(establishments), today)
    fit_hiring_potential()
    return Establishment.objects.count() - existing


def _import(generated, today):
    """Import establishments and their hires in chunks, so memory stays small."""
    kinds = EstablishmentImporter(), HiringImporter(today=today)
    chunk = []
    for item in generated:
        chunk.append(item)
        if len(chunk) == CHUNK:
            _import_chunk(chunk, kinds)
            chunk = []
    _import_chunk(chunk, kinds)


def _import_chunk(chunk, kinds):
    establishments, hirings = kinds
    establishments.import_records(_records(row for row, _hirings in chunk))
    hirings.import_records(_records(row for _establishment, rows in chunk for row in rows))


def _records(rows):
    """The generated rows as the file's records would be (numbered from line 2)."""
    return (Record(line, row) for line, row in enumerate(rows, 2))
