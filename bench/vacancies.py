"""The hidden-vacancy finder at full size on PostgreSQL: 1,000,000 establishments and
24 months of hires.

1. generate the sample CSV files (`generate_vacancy_sample`);
2. import them, each import in its own process, with its wall time and peak memory
   (resident set size from wait4's rusage), and the peak memory of importing the
   first 1% of the establishments file, to show the import runs in constant memory;
3. fit the scores (`fit_hiring_potential`, the scheduled job);
4. serve the portal with one daphne process on one core and measure, in the same run,
   a 10 KB whitenoise static file against a search (occupation + place + 10 km), through
   the JSON API and through the HTML page: distinct searches that each miss the results
   cache, and one search repeated. Each request comes as another visitor (its own
   User-Agent), as many people would. Goal: the API's distinct searches >= 10% of the
   static file's throughput.

Environment:
- BENCH_VACANCY_ESTABLISHMENTS: how many establishments (default 1,000,000; e.g.
  20000 for a quick run);
- BENCH_VACANCY_DATABASE_URL: the PostgreSQL database to (re)create, by default
  `bench_vacancies` on the server of DATABASE_URL (or postgres@127.0.0.1:5432);
- BENCH_SECONDS: seconds per measured request type (default 10);
- BENCH_VACANCY_REUSE=1: measure the requests again on the database a previous run
  built (no generation, import or fit; their figures are not printed).

Otherwise the database is dropped and created again at each run.
"""

import asyncio
import os
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

import psycopg
from loadgen import LoadResult, _read_response, load
from pages import STATIC_SAMPLE, write_static_sample
from server import PYTHON, ROOT, bench_environment, manage, portal_server

ESTABLISHMENTS = int(os.environ.get("BENCH_VACANCY_ESTABLISHMENTS", "1000000"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "10"))
PORT = 8767
WORKDIR = ROOT / "var" / "bench-vacancies"
SEED = 1
# Occupations people search for often, with data in every region.
OCCUPATIONS = ["5120", "5131", "5223", "5230", "8332", "9112", "2221", "5321", "7411", "9333"]
PLACES = 400  # the biggest municipalities, searched in turn
SERVICE_PATH = "/en/services/hidden-vacancies/"


def database_url():
    explicit = os.environ.get("BENCH_VACANCY_DATABASE_URL")
    if explicit:
        return explicit
    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    if not base.startswith("postgres"):
        base = "postgres://postgres@127.0.0.1:5432/postgres"
    return urlunsplit(urlsplit(base)._replace(path="/bench_vacancies"))


def recreate_database(url):
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def timed_command(env, *args):
    """Run a manage.py command in its own process: (seconds, peak RSS in MB)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [PYTHON, "manage.py", *map(str, args)], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
    )
    output = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    if process.returncode:
        raise RuntimeError(f"manage.py {' '.join(map(str, args))} failed ({process.returncode})")
    last_line = output.strip().splitlines()[-1] if output.strip() else ""
    print(f"  manage.py {' '.join(map(str, args))}: {last_line}")
    return seconds, usage.ru_maxrss / 1024


def prepare(env):
    shutil.rmtree(WORKDIR, ignore_errors=True)
    WORKDIR.mkdir(parents=True)
    manage("migrate", "--noinput", "-v0", env=env)
    manage("load_initial_data", env=env)
    manage("load_municipalities", env=env)
    manage("collectstatic", "--noinput", "-v0", env=env)
    write_static_sample()


def build_data(env):
    """Generate, import and fit; return the figures."""
    figures = {}
    figures["generate"] = timed_command(
        env,
        "generate_vacancy_sample",
        f"--establishments={ESTABLISHMENTS}",
        f"--seed={SEED}",
        f"--out={WORKDIR}",
    )
    establishments = WORKDIR / "establishments.csv"
    sample = WORKDIR / "establishments-first-1pct.csv"
    head(establishments, sample, max(1000, ESTABLISHMENTS // 100))
    figures["import 1% of establishments"] = timed_command(env, "import_establishments", sample)
    figures["import establishments"] = timed_command(env, "import_establishments", establishments)
    figures["import hirings"] = timed_command(env, "import_hirings", WORKDIR / "hirings.csv")
    figures["fit scores"] = timed_command(env, "fit_hiring_potential")
    return figures


def head(source, target, rows):
    with Path(source).open(encoding="utf-8") as lines, Path(target).open("w") as out:
        for number, line in enumerate(lines):
            if number > rows:
                break
            out.write(line)


def count_lines(path):
    with Path(path).open("rb") as handle:
        return sum(1 for _line in handle) - 1


def open_the_service(env):
    code = (
        "from services_store.models import Service; "
        "Service.objects.filter(slug='hidden-vacancies').update(state='live')"
    )
    subprocess.run([PYTHON, "manage.py", "shell", "-v0", "-c", code], cwd=ROOT, env=env, check=True)


def biggest_places(env, count):
    code = (
        "from places.models import Municipality; "
        "print(*Municipality.objects.order_by('-population')"
        f".values_list('pk', flat=True)[:{count}])"
    )
    completed = subprocess.run(
        [PYTHON, "manage.py", "shell", "-v0", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return [int(pk) for pk in completed.stdout.split() if pk.isdigit()]


def search_queries(places):
    """Distinct searches: each (place, occupation) once, cycling places fastest."""
    return [
        urlencode({"occupation": code, "place": place, "radius": 10})
        for code in OCCUPATIONS
        for place in places
    ]


async def _connection(port, paths, cursor, deadline, counts):
    """Requests `paths` in turn (shared with the other connections), each as another
    visitor (its own User-Agent), so neither the results cache nor the API's per-client
    rate limit is what gets measured."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while time.perf_counter() < deadline:
            number = cursor[0]
            cursor[0] += 1
            path = paths[number % len(paths)]
            request = (
                f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                f"User-Agent: bench-visitor-{number}\r\n\r\n"
            ).encode()
            writer.write(request)
            status, size = await _read_response(reader)
            counts["ok" if status == 200 else "errors"] += 1
            counts["bytes"] += size
    finally:
        writer.close()


async def _load_paths(port, paths, seconds, connections):
    counts, cursor = {"ok": 0, "errors": 0, "bytes": 0}, [0]
    start = time.perf_counter()
    deadline = start + seconds
    await asyncio.gather(
        *(_connection(port, paths, cursor, deadline, counts) for _ in range(connections))
    )
    elapsed = time.perf_counter() - start
    if 1 < len(paths) < cursor[0]:
        print(f"  note: {len(paths)} distinct paths were not enough; some were repeated")
    return LoadResult(paths[0], counts["ok"], counts["errors"], elapsed, counts["bytes"])


def load_paths(port, paths, seconds=SECONDS, connections=8):
    """Like loadgen.load, over several paths in turn."""
    return asyncio.run(_load_paths(port, paths, seconds, connections))


def fetch(port, path):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}") as response:  # noqa: S310
        return response.status, response.read()


def measure(env, places):
    static_path = "/static/" + STATIC_SAMPLE
    api, page = SERVICE_PATH + "api/v1/search?", SERVICE_PATH + "?"
    # Two disjoint sets of searches, so the page never finds the API's cached results.
    api_queries, page_queries = search_queries(places[0::2]), search_queries(places[1::2])
    with portal_server(env, port=PORT) as port:
        for path in (static_path, api + api_queries[0], page + page_queries[0]):
            status, body = fetch(port, path)  # warm up, and check
            assert status == 200, (path, body[:200])
        return {
            "static 10 KB file": load("127.0.0.1", port, static_path, seconds=SECONDS),
            "API search, distinct (uncached)": load_paths(port, [api + q for q in api_queries[1:]]),
            "API search, repeated (cached)": load_paths(port, [api + api_queries[0]]),
            "page search, distinct (uncached)": load_paths(
                port, [page + q for q in page_queries[1:]]
            ),
            "page search, repeated (cached)": load_paths(port, [page + page_queries[0]]),
        }


def report(figures, results, hirings):
    print(f"\n{ESTABLISHMENTS:,} establishments, {hirings:,} monthly hiring rows")
    print(f"{'step':<34}{'seconds':>10}{'peak RSS MB':>14}")
    for name, (seconds, rss) in figures.items():
        print(f"{name:<34}{seconds:>10.1f}{rss:>14.0f}")
    static = results["static 10 KB file"].per_second
    print(f"\n{'request':<34}{'req/s':>10}{'vs static':>12}{'errors':>8}")
    for name, result in results.items():
        ratio = result.per_second / static
        print(f"{name:<34}{result.per_second:>10.0f}{ratio:>11.0%}{result.errors:>8}")


def main():
    url = database_url()
    env = bench_environment(url)
    env["MEDIA_ROOT"] = str(WORKDIR / "media")
    if os.environ.get("BENCH_VACANCY_REUSE") == "1":
        manage("migrate", "--noinput", "-v0", env=env)
        manage("collectstatic", "--noinput", "-v0", env=env)
        write_static_sample()
        figures = {}
    else:
        recreate_database(url)
        prepare(env)
        figures = build_data(env)
    hirings = count_lines(WORKDIR / "hirings.csv")
    open_the_service(env)
    results = measure(env, biggest_places(env, PLACES))
    report(figures, results, hirings)


if __name__ == "__main__":
    main()
