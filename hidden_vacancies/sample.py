"""Deterministic sample data: plausible establishments in the country's real
municipalities (more where more people live) and two years of their monthly hires.

The same seed and arguments always give the same rows. Rows are produced one at a
time, so a million establishments need no more memory than ten.
"""

import bisect
import csv
import datetime
import math
import random
from dataclasses import dataclass
from pathlib import Path

from hidden_vacancies.sectors import section_of

ESTABLISHMENT_COLUMNS = [
    "identifier",
    "name",
    "section",
    "division",
    "size_band",
    "address",
    "municipality_id",
    "latitude",
    "longitude",
]
HIRING_COLUMNS = ["identifier", "month", "permanent", "fixed_term", "temporary"]
MONTHS = 24

# Seasonal shapes: hires in each calendar month relative to an average month.
SEASONS = {
    "flat": [1.0] * 12,
    "summer": [0.6, 0.6, 0.8, 1.1, 1.5, 1.9, 1.8, 1.2, 0.8, 0.6, 0.5, 0.6],
    "christmas": [0.8, 0.7, 0.8, 0.9, 0.9, 0.9, 1.0, 0.9, 1.0, 1.2, 1.6, 1.3],
    "harvest": [0.4, 0.4, 0.7, 0.9, 1.0, 1.2, 1.3, 1.8, 2.0, 1.2, 0.6, 0.5],
    "school": [0.8, 0.6, 0.6, 0.6, 0.6, 0.7, 0.8, 1.6, 3.0, 1.1, 0.7, 0.5],
    "building": [0.6, 0.8, 1.1, 1.2, 1.2, 1.1, 1.0, 0.8, 1.2, 1.1, 1.0, 0.9],
}


@dataclass(frozen=True)
class Profile:
    """A sector division as the generator sees it."""

    share: float  # of all establishments
    names: tuple  # how such businesses are called
    season: str = "flat"
    hiring: float = 1.0  # hires per employee, relative to the average
    sizes: tuple = (0.76, 0.18, 0.045, 0.015)  # micro, small, medium, large
    permanent: float = 0.35  # share of hires on permanent contracts
    temporary: float = 0.15  # share through temporary work or apprenticeship


PROFILES = {
    "01": Profile(3.0, ("Ferme", "EARL", "GAEC"), "harvest", 1.4, permanent=0.15),
    "10": Profile(2.0, ("Boulangerie", "Fromagerie", "Conserverie"), "christmas"),
    "16": Profile(0.6, ("Menuiserie", "Scierie")),
    "22": Profile(0.4, ("Plasturgie", "Emballages"), temporary=0.35),
    "25": Profile(1.4, ("Métallerie", "Chaudronnerie", "Mécanique de précision")),
    "28": Profile(0.5, ("Machines", "Équipements industriels"), sizes=(0.5, 0.3, 0.15, 0.05)),
    "29": Profile(0.2, ("Équipementier auto",), sizes=(0.3, 0.3, 0.25, 0.15), temporary=0.4),
    "33": Profile(0.8, ("Maintenance industrielle",)),
    "35": Profile(0.3, ("Énergies", "Solaire"), sizes=(0.5, 0.3, 0.15, 0.05)),
    "38": Profile(0.3, ("Recyclage", "Environnement")),
    "41": Profile(3.0, ("Constructions", "Bâtiment"), "building"),
    "42": Profile(0.6, ("Travaux publics", "Terrassement"), "building"),
    "43": Profile(8.0, ("Électricité", "Plomberie", "Peinture", "Couverture"), "building"),
    "45": Profile(3.0, ("Garage", "Auto Services", "Carrosserie")),
    "46": Profile(5.0, ("Distribution", "Négoce", "Grossiste")),
    "47": Profile(12.0, ("Épicerie", "Boutique", "Supermarché", "Pharmacie"), "christmas", 1.3),
    "49": Profile(2.5, ("Transports", "Taxis", "Logistique routière")),
    "52": Profile(0.7, ("Entrepôts", "Plateforme logistique"), "christmas", 1.5, temporary=0.4),
    "53": Profile(0.3, ("Coursiers", "Express"), "christmas"),
    "55": Profile(1.5, ("Hôtel", "Camping", "Résidence"), "summer", 1.8, permanent=0.15),
    "56": Profile(
        7.0, ("Restaurant", "Café", "Brasserie", "Pizzeria"), "summer", 1.7, permanent=0.2
    ),
    "62": Profile(2.5, ("Informatique", "Logiciels", "Digital"), hiring=0.8, permanent=0.7),
    "64": Profile(1.5, ("Banque", "Crédit"), hiring=0.5, permanent=0.6),
    "65": Profile(0.8, ("Assurances", "Mutuelle"), hiring=0.5, permanent=0.6),
    "68": Profile(4.0, ("Immobilier", "Agence immobilière"), hiring=0.4),
    "69": Profile(3.0, ("Cabinet comptable", "Avocats"), hiring=0.6, permanent=0.6),
    "70": Profile(3.0, ("Conseil", "Management"), hiring=0.6, permanent=0.6),
    "71": Profile(2.0, ("Ingénierie", "Architectes", "Bureau d'études"), hiring=0.6),
    "73": Profile(0.8, ("Communication", "Publicité")),
    "74": Profile(1.5, ("Studio", "Design", "Traductions")),
    "78": Profile(0.5, ("Intérim", "Travail temporaire"), hiring=6.0, temporary=0.9),
    "80": Profile(0.4, ("Sécurité", "Gardiennage"), hiring=1.5),
    "81": Profile(2.0, ("Nettoyage", "Propreté", "Espaces verts"), hiring=1.5),
    "82": Profile(1.0, ("Centre d'appels", "Services aux entreprises"), hiring=1.5),
    "84": Profile(1.5, ("Mairie", "Services publics"), sizes=(0.4, 0.4, 0.15, 0.05)),
    "85": Profile(3.0, ("École", "Formation", "Lycée"), "school", sizes=(0.5, 0.35, 0.12, 0.03)),
    "86": Profile(5.0, ("Cabinet médical", "Clinique", "Centre de santé"), hiring=1.1),
    "87": Profile(1.0, ("EHPAD", "Maison de retraite"), hiring=1.4, sizes=(0.2, 0.5, 0.25, 0.05)),
    "88": Profile(2.0, ("Aide à domicile", "Crèche", "Association sociale"), hiring=1.3),
    "90": Profile(1.0, ("Compagnie", "Théâtre", "Ensemble"), "summer"),
    "93": Profile(1.5, ("Club sportif", "Salle de sport", "Loisirs"), "summer"),
    "94": Profile(2.0, ("Association", "Amicale")),
    "95": Profile(0.8, ("Réparation", "Dépannage informatique")),
    "96": Profile(3.5, ("Salon de coiffure", "Institut de beauté", "Pressing")),
    "97": Profile(0.5, ("Particulier employeur",), sizes=(1.0, 0.0, 0.0, 0.0)),
}
SIZE_BANDS = ("micro", "small", "medium", "large")
# Typical head count per band, and the hires per employee in an average month.
HEADCOUNT = {"micro": 3, "small": 20, "medium": 100, "large": 400}
MONTHLY_HIRES_PER_EMPLOYEE = 0.022

SURNAMES = [
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefebvre",
    "Michel",
    "Garcia",
    "David",
    "Bertrand",
    "Roux",
    "Vincent",
    "Fournier",
    "Morel",
    "Girard",
    "Andre",
    "Mercier",
    "Dupont",
    "Lambert",
    "Bonnet",
    "Francois",
    "Martinez",
    "Legrand",
    "Garnier",
    "Faure",
    "Rousseau",
    "Blanc",
    "Guerin",
    "Muller",
    "Henry",
    "Roussel",
    "Nicolas",
    "Perrin",
    "Morin",
    "Mathieu",
    "Clement",
    "Gauthier",
    "Dumont",
    "Lopez",
    "Fontaine",
    "Chevalier",
    "Robin",
    "Masson",
    "Benali",
    "Nguyen",
    "Haddad",
    "Diallo",
    "Kowalski",
    "Ferreira",
]
STREETS = (
    "rue de la République",
    "avenue Jean Jaurès",
    "rue Victor Hugo",
    "place de la Mairie",
    "rue du Général de Gaulle",
    "boulevard Pasteur",
    "rue des Écoles",
    "avenue de la Gare",
    "rue du Moulin",
    "chemin des Vignes",
    "rue de l'Église",
    "zone artisanale des Prés",
    "rue Jules Ferry",
    "allée des Tilleuls",
    "route Nationale",
)


@dataclass(frozen=True)
class Place:
    geonameid: int
    name: str
    latitude: float
    longitude: float
    population: int


def places_from_database():
    from places.models import Municipality

    rows = Municipality.objects.order_by("geonameid").values_list(
        "geonameid", "name", "latitude", "longitude", "population"
    )
    return [Place(*row) for row in rows]


class Generator:
    """Establishments and hires from one seed. `end` is the last month of history."""

    def __init__(self, places, seed, end):
        if not places:
            raise ValueError("no municipalities: run manage.py load_municipalities first")
        self.rng = random.Random(seed)  # noqa: S311 - sample data, not secrets
        self.seed = seed
        self.places = sorted(places, key=lambda place: place.geonameid)
        self.place_weights = list(_cumulative(p.population for p in self.places))
        self.divisions = sorted(PROFILES)
        self.division_weights = list(_cumulative(PROFILES[d].share for d in self.divisions))
        self.months = [_add_months(end, -k) for k in range(MONTHS - 1, -1, -1)]

    def establishments(self, count):
        """(establishment row, its hiring rows) for `count` establishments."""
        for number in range(count):
            yield self._establishment(number)

    def _establishment(self, number):
        rng = self.rng
        division = self._pick(self.divisions, self.division_weights)
        profile = PROFILES[division]
        size = rng.choices(SIZE_BANDS, weights=profile.sizes)[0]
        place = self._pick(self.places, self.place_weights)
        latitude, longitude = _scatter(rng, place)
        identifier = _identifier(number, self.seed)
        row = {
            "identifier": identifier,
            "name": f"{rng.choice(profile.names)} {rng.choice(SURNAMES)}",
            "section": section_of(division),
            "division": division,
            "size_band": size,
            "address": f"{rng.randint(1, 120)} {rng.choice(STREETS)}",
            "municipality_id": str(place.geonameid),
            "latitude": f"{latitude:.6f}",
            "longitude": f"{longitude:.6f}",
        }
        return row, list(self._hirings(identifier, profile, size))

    def _hirings(self, identifier, profile, size):
        rng = self.rng
        # Some firms hire much more than others of the same kind, and some are growing.
        vigour = rng.lognormvariate(0, 0.7)
        trend = rng.uniform(-0.02, 0.03)
        base = HEADCOUNT[size] * MONTHLY_HIRES_PER_EMPLOYEE * profile.hiring * vigour
        season = SEASONS[profile.season]
        for age, month in enumerate(self.months):
            mean = base * season[month.month - 1] * (1 + trend) ** age
            hires = _poisson(rng, mean)
            if hires:
                yield _split(rng, identifier, month, hires, profile)

    def _pick(self, items, cumulative):
        point = self.rng.random() * cumulative[-1]
        return items[bisect.bisect_right(cumulative, point)]


def _cumulative(values):
    total = 0.0
    for value in values:
        total += value
        yield total


def _scatter(rng, place):
    """A point in the town: within a radius that grows with its population."""
    radius_km = min(6.0, 0.4 + math.sqrt(place.population) / 250)
    distance = radius_km * math.sqrt(rng.random())
    angle = rng.random() * 2 * math.pi
    dlat = distance * math.cos(angle) / 111.2
    dlon = distance * math.sin(angle) / (111.2 * max(math.cos(math.radians(place.latitude)), 0.1))
    return place.latitude + dlat, place.longitude + dlon


def _identifier(number, seed):
    """A 14-digit, SIRET-like identifier, unique for each number under one seed."""
    siren = (number * 7919 + seed * 104_729) % 900_000_000 + 100_000_000
    return f"{siren:09d}{(number % 89) + 10:05d}"


def _poisson(rng, mean):
    if mean <= 0:
        return 0
    if mean > 30:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit, product, count = math.exp(-mean), rng.random(), 0
    while product > limit:
        product *= rng.random()
        count += 1
    return count


def _split(rng, identifier, month, hires, profile):
    permanent = fixed_term = temporary = 0
    for _ in range(hires):
        draw = rng.random()
        if draw < profile.permanent:
            permanent += 1
        elif draw < profile.permanent + profile.temporary:
            temporary += 1
        else:
            fixed_term += 1
    return {
        "identifier": identifier,
        "month": f"{month:%Y-%m}",
        "permanent": str(permanent),
        "fixed_term": str(fixed_term),
        "temporary": str(temporary),
    }


def _add_months(day, months):
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def last_full_month(today):
    return _add_months(today.replace(day=1), -1)


def write_sample(directory, count, seed, end, places=None):
    """Write establishments.csv and hirings.csv into `directory`; return their paths
    and row counts."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    generator = Generator(places or places_from_database(), seed, end)
    establishments_path = directory / "establishments.csv"
    hirings_path = directory / "hirings.csv"
    hiring_count = 0
    with (
        establishments_path.open("w", encoding="utf-8", newline="") as establishments_file,
        hirings_path.open("w", encoding="utf-8", newline="") as hirings_file,
    ):
        establishments = csv.DictWriter(establishments_file, ESTABLISHMENT_COLUMNS)
        hirings = csv.DictWriter(hirings_file, HIRING_COLUMNS)
        establishments.writeheader()
        hirings.writeheader()
        for row, hiring_rows in generator.establishments(count):
            establishments.writerow(row)
            hirings.writerows(hiring_rows)
            hiring_count += len(hiring_rows)
    return {"establishments": (establishments_path, count), "hirings": (hirings_path, hiring_count)}
