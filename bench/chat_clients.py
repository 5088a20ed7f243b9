"""Chat viewers for bench/chat.py: many WebSocket clients in one asyncio process, one of
them posting at a steady rate, each post carrying its sequence number and send time.

Every client records which posts reached it, so losses and duplicates are counted per
client, and the delivery latency of every frame. The server processes' CPU time is read
from /proc at the start and the end of the posting window, so connection set-up is not
counted. Prints one JSON line of figures.

Usage: python bench/chat_clients.py CONFIG_JSON
  {"urls": [...], "clients": 500, "rate": 5, "seconds": 60, "pids": [1234]}
"""

import asyncio
import contextlib
import json
import os
import sys
import time

from websockets.asyncio.client import connect

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
CONNECT_BATCH = 100
DRAIN_SECONDS = 10.0
# A chat line of realistic length (the frame is about 250 bytes).
FILLER = "Is the recording of this session going to be available afterwards? " * 2


def cpu_seconds(pid):
    """User + system CPU time of a process, from /proc/<pid>/stat."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


class Viewer:
    def __init__(self, websocket, capacity):
        self.websocket = websocket
        self.seen = bytearray(capacity)
        self.received = 0
        self.duplicates = 0
        self.errors = 0
        self.joined = asyncio.Event()
        self.latencies = []

    async def listen(self, state):
        async for text in self.websocket:
            frame = json.loads(text)
            kind = frame.get("type")
            if kind == "message":
                self._record(frame["message"]["text"], state)
            elif kind == "joined":
                self.joined.set()
            elif kind == "error":
                self.errors += 1

    def _record(self, text, state):
        now = time.monotonic()
        seq, sent, _ = text.split(" ", 2)
        seq = int(seq)
        if self.seen[seq]:
            self.duplicates += 1
            return
        self.seen[seq] = 1
        self.received += 1
        self.latencies.append(now - float(sent))
        state["delivered"] += 1
        if state["delivered"] == state["expected"]:
            state["all_delivered"].set()


async def open_viewer(url, capacity):
    websocket = await connect(
        url,
        origin="http://127.0.0.1",
        compression=None,
        ping_interval=None,
        open_timeout=60,
        max_queue=None,
    )
    # As a browser does: resume (here: first visit) as soon as the socket is open.
    await websocket.send('{"type":"resume","last_id":null}')
    return Viewer(websocket, capacity)


async def open_viewers(urls, clients, capacity):
    viewers = []
    for start in range(0, clients, CONNECT_BATCH):
        batch = range(start, min(start + CONNECT_BATCH, clients))
        viewers += await asyncio.gather(
            *(open_viewer(urls[index % len(urls)], capacity) for index in batch)
        )
    return viewers


async def post(viewers, rate, count):
    """`count` posts at `rate` per second, from each viewer in turn (so no one viewer
    posts faster than the chat's rate limit allows)."""
    start = time.monotonic()
    for seq in range(1, count + 1):
        delay = start + (seq - 1) / rate - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        text = f"{seq} {time.monotonic():.6f} {FILLER}"
        viewer = viewers[seq % len(viewers)]
        await viewer.websocket.send(json.dumps({"type": "comment", "text": text}))


def percentile(ordered, fraction):
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


async def run(config):
    count = int(config["rate"] * config["seconds"])
    viewers = await open_viewers(config["urls"], config["clients"], count + 1)
    state = {"delivered": 0, "expected": count * len(viewers), "all_delivered": asyncio.Event()}
    listeners = [asyncio.create_task(viewer.listen(state)) for viewer in viewers]
    await asyncio.wait_for(asyncio.gather(*(v.joined.wait() for v in viewers)), 60)
    await asyncio.sleep(1)
    cpu_before = [cpu_seconds(pid) for pid in config["pids"]]
    started = time.monotonic()
    await post(viewers, config["rate"], count)
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(state["all_delivered"].wait(), DRAIN_SECONDS)
    elapsed = time.monotonic() - started
    cpu_after = [cpu_seconds(pid) for pid in config["pids"]]
    for listener in listeners:
        listener.cancel()
    await asyncio.gather(*(viewer.websocket.close() for viewer in viewers))
    latencies = sorted(latency for viewer in viewers for latency in viewer.latencies)
    return {
        "clients": len(viewers),
        "posted": count,
        "expected": state["expected"],
        "delivered": state["delivered"],
        "lost": state["expected"] - state["delivered"],
        "duplicates": sum(viewer.duplicates for viewer in viewers),
        "errors": sum(viewer.errors for viewer in viewers),
        "p50_ms": percentile(latencies, 0.50) * 1000,
        "p99_ms": percentile(latencies, 0.99) * 1000,
        "max_ms": (latencies[-1] if latencies else float("nan")) * 1000,
        "server_cpu": [after - before for before, after in zip(cpu_before, cpu_after, strict=True)],
        "seconds": elapsed,
    }


if __name__ == "__main__":
    print(json.dumps(asyncio.run(run(json.loads(sys.argv[1])))))
