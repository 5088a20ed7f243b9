"""The webinar chat's fan-out, against a bare `websockets.broadcast()` server in the same
run. Goals, on this 2-core machine, with one server process pinned to one core and the
viewers on the other:

- 500 viewers, 5 posts a second: nothing lost, p99 delivery <= 250 ms, and server CPU
  per delivered message <= 3x the bare broadcast server's;
- two server processes sharing the room through Redis, 2,000 viewers: nothing lost.

Each run lasts BENCH_CHAT_SECONDS (default 60). BENCH_CHAT_SERVERS lists the ASGI
servers to measure (default "uvicorn"; "uvicorn,daphne" compares them). The shared room
uses REDIS_URL (default redis://127.0.0.1:6379/0).

Run with `make bench`, or alone: `.venv/bin/python bench/run.py chat`.
"""

import json
import os
import random
import shutil
import socket
import subprocess
import time
from contextlib import ExitStack, contextmanager

from server import PYTHON, ROOT, bench_environment

SECONDS = float(os.environ.get("BENCH_CHAT_SECONDS", "60"))
RATE = float(os.environ.get("BENCH_CHAT_RATE", "5"))
VIEWERS = int(os.environ.get("BENCH_CHAT_VIEWERS", "500"))
SHARED_VIEWERS = int(os.environ.get("BENCH_CHAT_SHARED_VIEWERS", "2000"))
SERVERS = os.environ.get("BENCH_CHAT_SERVERS", "uvicorn").split(",")
REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
P99_BUDGET_MS = 250
CPU_BUDGET = 3.0

# How each ASGI server is started: per-message compression off, as for production
# (compressing each copy of a small frame costs more than it saves).
ASGI_SERVERS = {
    "uvicorn": [
        "-m", "uvicorn", "chat_server:application", "--app-dir", "bench",
        "--ws", "websockets-sansio", "--ws-per-message-deflate", "false",
        "--lifespan", "off", "--log-level", "warning", "--no-access-log",
        "--host", "127.0.0.1", "--port", "{port}",
    ],
    "uvicorn-websockets": [
        "-m", "uvicorn", "chat_server:application", "--app-dir", "bench",
        "--ws", "websockets", "--ws-per-message-deflate", "false",
        "--lifespan", "off", "--log-level", "warning", "--no-access-log",
        "--host", "127.0.0.1", "--port", "{port}",
    ],
    "daphne": ["-m", "daphne", "-b", "127.0.0.1", "-p", "{port}", "chat_server:application"],
    "raw": ["bench/chat_raw_server.py", "{port}"],
}  # fmt: skip


def chat_environment(redis_url=""):
    workdir = ROOT / "var" / "bench-chat"
    workdir.mkdir(parents=True, exist_ok=True)
    # The chat server never opens the database; production settings still want one.
    env = bench_environment(f"sqlite:///{workdir / 'unused.sqlite3'}")
    env["DJANGO_SETTINGS_MODULE"] = os.environ.get("BENCH_CHAT_SETTINGS_MODULE", "chat_settings")
    env["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(ROOT), str(ROOT / "bench"), env.get("PYTHONPATH")])
    )
    env["REDIS_URL"] = redis_url
    return env


def _pinned(command, core):
    if core is not None and shutil.which("taskset"):
        return ["taskset", "-c", str(core), *command]
    return command


def _wait_for_port(port, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server on port {port} exited with {process.returncode}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"server did not start on port {port}")


@contextmanager
def chat_server(kind, port, env, core):
    """One server process of `kind`, pinned to `core`; yields its pid."""
    command = [PYTHON, *(part.format(port=port) for part in ASGI_SERVERS[kind])]
    process = subprocess.Popen(_pinned(command, core), cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    try:
        _wait_for_port(port, process)
        yield process.pid
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def viewers(urls, clients, pids, core):
    """Run the viewers in their own process (bench/chat_clients.py); their figures."""
    config = {"urls": urls, "clients": clients, "rate": RATE, "seconds": SECONDS, "pids": pids}
    completed = subprocess.run(
        _pinned([PYTHON, "bench/chat_clients.py", json.dumps(config)], core),
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])


def one_process(kind, port, room):
    """`VIEWERS` viewers of one server process on core 0, the viewers on core 1."""
    path = "/" if kind == "raw" else f"/ws/webinars/{room}/"
    with chat_server(kind, port, chat_environment(), core=0) as pid:
        return viewers([f"ws://127.0.0.1:{port}{path}"], VIEWERS, [pid], core=1)


def shared_room(kind, port, room):
    """`SHARED_VIEWERS` viewers split between two processes that share the room through
    Redis; posts come in through both. The servers share core 0, the viewers have core 1."""
    env = chat_environment(REDIS_URL)
    with ExitStack() as stack:
        pids = [stack.enter_context(chat_server(kind, port + n, env, core=0)) for n in (0, 1)]
        urls = [f"ws://127.0.0.1:{port + n}/ws/webinars/{room}/" for n in (0, 1)]
        return viewers(urls, SHARED_VIEWERS, pids, core=1)


def cpu_per_message(result):
    return sum(result["server_cpu"]) / max(result["delivered"], 1)


def report(rows, baseline):
    header = f"{'server':<34}{'viewers':>8}{'delivered':>10}{'lost':>6}"
    print(f"{header}{'p50 ms':>8}{'p99 ms':>8}{'CPU µs/msg':>11}{'vs raw':>8}")
    for name, result in rows:
        cpu = cpu_per_message(result) * 1e6
        ratio = cpu_per_message(result) / cpu_per_message(baseline)
        print(
            f"{name:<34}{result['clients']:>8}{result['delivered']:>10}{result['lost']:>6}"
            f"{result['p50_ms']:>8.1f}{result['p99_ms']:>8.1f}{cpu:>11.1f}{ratio:>7.1f}x"
        )
        if result["duplicates"] or result["errors"]:
            print(f"  {result['duplicates']} duplicates, {result['errors']} error frames")
    print(
        f"{SECONDS:.0f} s at {RATE:g} posts/s. Goals: 0 lost; with {VIEWERS} viewers "
        f"p99 <= {P99_BUDGET_MS} ms and CPU <= {CPU_BUDGET:g}x raw broadcast()."
    )
    missed = missed_goals(rows, baseline)
    print("Goals missed: " + "; ".join(missed) if missed else "Goals met.")


def missed_goals(rows, baseline):
    """The goals apply to the first server listed; the others are there to compare."""
    judged = [row for row in rows[1:] if f", {SERVERS[0]}, " in row[0]]
    missed = []
    for name, result in judged:
        if result["lost"] or result["duplicates"]:
            missed.append(f"{name}: {result['lost']} lost, {result['duplicates']} duplicates")
        if result["clients"] != VIEWERS:
            continue
        if result["p99_ms"] > P99_BUDGET_MS:
            missed.append(f"{name}: p99 {result['p99_ms']:.0f} ms")
        ratio = cpu_per_message(result) / cpu_per_message(baseline)
        if ratio > CPU_BUDGET:
            missed.append(f"{name}: {ratio:.1f}x the CPU of broadcast()")
    return missed


def main():
    room = random.randint(10**6, 10**9)
    baseline = one_process("raw", 8770, room)
    rows = [("raw websockets.broadcast()", baseline)]
    for n, kind in enumerate(SERVERS):
        rows.append((f"chat, {kind}, 1 process", one_process(kind, 8771 + n, room + n)))
    rows.append(
        (f"chat, {SERVERS[0]}, 2 processes + Redis", shared_room(SERVERS[0], 8780, room + 1))
    )
    report(rows, baseline)


if __name__ == "__main__":
    main()
