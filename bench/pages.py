"""Throughput of a demo guidance page, uncached and cached, against a 10 KB static file,
all served by one portal process on one core in the same run, and the weight of a text
page (HTML + CSS, gzipped). Goals: cached >= 75% of the static file, uncached >= 5%.

A query string bypasses the anonymous page cache, which gives the uncached figure.

Run with `make bench`. Uses a throw-away SQLite database under var/bench/ unless
BENCH_DATABASE_URL points elsewhere (e.g. PostgreSQL).
"""

import gzip
import os
import random
import re
import urllib.request

from loadgen import load
from server import ROOT, fresh_portal, portal_server

SECONDS = float(os.environ.get("BENCH_SECONDS", "10"))
STATIC_SAMPLE = "bench/sample-10k.txt"


def prepare():
    env = fresh_portal("bench")
    write_static_sample()
    return env


def write_static_sample():
    sample = ROOT / "var" / "static" / STATIC_SAMPLE
    sample.parent.mkdir(parents=True, exist_ok=True)
    # Incompressible-ish text, so the static file really moves about 10 KB.
    rng = random.Random(10)
    sample.write_text("".join(rng.choice("abcdefghij \n") for _ in range(10 * 1024)))


def fetch(port, path):
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", headers={"Accept-Encoding": "gzip"}
    )
    with urllib.request.urlopen(request) as response:  # noqa: S310 - our own local server
        body = response.read()
        if response.headers.get("Content-Encoding") == "gzip":
            return body, gzip.decompress(body)
        return gzip.compress(body), body


def page_weight(port, path):
    """Bytes a browser transfers for the page's HTML and its screen stylesheets, gzipped."""
    compressed, html = fetch(port, path)
    total = len(compressed)
    for href in re.findall(r'<link rel="stylesheet" href="([^"]+)">', html.decode()):
        total += len(fetch(port, href)[0])
    return total


def main():
    env = prepare()
    static_path = "/static/" + STATIC_SAMPLE
    guide = "/en/guidance/finding-work/registering-as-a-jobseeker/"
    pages = {
        "guidance page, uncached": f"{guide}?uncached=1",
        "guidance page, cached": guide,
        "home page, cached": "/en/",
    }
    with portal_server(env) as port:
        for path in [static_path, *pages.values()]:
            fetch(port, path)  # warm up
        results = {"static 10 KB file": load("127.0.0.1", port, static_path, seconds=SECONDS)}
        for name, path in pages.items():
            results[name] = load("127.0.0.1", port, path, seconds=SECONDS)
        weight = page_weight(port, guide)
    static = results["static 10 KB file"].per_second
    print(f"{'request':<26}{'req/s':>10}{'vs static':>12}{'errors':>8}")
    for name, result in results.items():
        ratio = result.per_second / static
        print(f"{name:<26}{result.per_second:>10.0f}{ratio:>11.0%}{result.errors:>8}")
    print(f"text page weight (HTML + CSS, gzipped): {weight / 1024:.1f} KB (budget 50 KB)")


if __name__ == "__main__":
    main()
