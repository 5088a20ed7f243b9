"""The podcast feed of a show with 520 episodes (ten years of Mondays), as podcast apps
poll it, against a 10 KB whitenoise static file, all served by one portal process on
one core in the same run. Goals: a 304 conditional GET >= 80% of the static file's
throughput, a cached 200 >= 50%, and a cold rebuild no more than 2x the time of a bare
feedgen build of the same entries.

Run with `make bench`. Uses a throw-away SQLite database under var/bench-feed/ unless
BENCH_DATABASE_URL points elsewhere.
"""

import json
import os
import subprocess
import urllib.request

from loadgen import load
from pages import STATIC_SAMPLE, write_static_sample
from server import PYTHON, ROOT, fresh_portal, portal_server

SECONDS = float(os.environ.get("BENCH_SECONDS", "10"))
EPISODES = 520
PORT = 8766


def prepare():
    env = fresh_portal("bench-feed")
    write_static_sample()
    return env


def show_and_build_times(env):
    completed = subprocess.run(
        [PYTHON, "bench/feed_show.py", str(EPISODES), f"http://127.0.0.1:{PORT}"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])


def etag_of(port, path):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}")
    with urllib.request.urlopen(request) as response:  # noqa: S310 - our own local server
        return response.headers["ETag"], len(response.read())


def main():
    env = prepare()
    built = show_and_build_times(env)
    feed = built["feed_path"]
    static_path = "/static/" + STATIC_SAMPLE
    with portal_server(env, port=PORT) as port:
        etag, feed_bytes = etag_of(port, feed)
        etag_of(port, static_path)
        gzip_header = {"Accept-Encoding": "gzip"}
        results = {
            "static 10 KB file": load("127.0.0.1", port, static_path, seconds=SECONDS),
            "feed, 304 (If-None-Match)": load(
                "127.0.0.1",
                port,
                feed,
                seconds=SECONDS,
                headers={"If-None-Match": etag, **gzip_header},
                expect_status=304,
            ),
            "feed, cached 200 (gzip)": load(
                "127.0.0.1", port, feed, seconds=SECONDS, headers=gzip_header
            ),
        }
    static = results["static 10 KB file"].per_second
    print(f"{'request':<28}{'req/s':>10}{'vs static':>12}{'errors':>8}")
    for name, result in results.items():
        ratio = result.per_second / static
        print(f"{name:<28}{result.per_second:>10.0f}{ratio:>11.0%}{result.errors:>8}")
    cold, bare = built["cold_rebuild_s"], built["bare_feedgen_s"]
    print(
        f"feed of {built['episodes']} episodes ({feed_bytes / 1024:.0f} KB): cold rebuild "
        f"{cold * 1000:.0f} ms, bare feedgen {bare * 1000:.0f} ms, ratio {cold / bare:.2f} "
        "(goal <= 2)"
    )


if __name__ == "__main__":
    main()
