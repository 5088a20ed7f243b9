"""The baseline for bench/chat.py: a bare `websockets` server that relays every post to
all its clients with `websockets.broadcast()`, as the same JSON frame the chat sends.

Usage: python bench/chat_raw_server.py PORT
"""

import asyncio
import itertools
import json
import sys
from datetime import UTC, datetime

from websockets.asyncio.server import broadcast, serve

CLIENTS = set()
IDS = itertools.count(1)
dumps = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode


def message_frame(post):
    created = datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    message = {
        "id": next(IDS),
        "kind": post.get("type"),
        "text": post.get("text"),
        "author": None,
        "created": created,
        "votes": 0,
        "state": "visible",
        "pinned": False,
        "answered": False,
    }
    return dumps({"type": "message", "message": message})


async def relay(websocket):
    CLIENTS.add(websocket)
    try:
        await websocket.send('{"type":"joined"}')
        async for text in websocket:
            post = json.loads(text)
            if post.get("type") == "comment":
                broadcast(CLIENTS, message_frame(post))
    finally:
        CLIENTS.discard(websocket)


async def main(port):
    async with serve(relay, "127.0.0.1", port, compression=None, backlog=4096) as server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1])))
