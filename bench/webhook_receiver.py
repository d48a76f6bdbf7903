"""A webhook receiver for `bench/webhooks.py`: answers every POST at once with 204, except under `/dead`, where it
never answers; records when each event arrived. `GET /stats` answers the records as JSON, `POST /reset` drops
them. Raw asyncio streams: the receiver must cost as little as possible next to what it measures.

    python bench/webhook_receiver.py PORT
"""

from __future__ import annotations

import asyncio
import json
import sys
import time


class Receiver:
    def __init__(self) -> None:
        self.records: list[tuple[float, str, str, str]] = []  # (received at, path, event id, event time)

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                received_at = time.time()
                lines = head.decode("latin-1").split("\r\n")
                method, path = lines[0].split(" ")[:2]
                length = next(
                    (int(line.split(":")[1]) for line in lines if line.lower().startswith("content-length")), 0
                )
                body = await reader.readexactly(length)
                if path.startswith("/dead"):
                    await asyncio.Event().wait()  # never answers
                if method == "GET":
                    answer = json.dumps(self.records).encode()
                    writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(answer), answer))
                elif path == "/reset":
                    self.records.clear()
                    writer.write(b"HTTP/1.1 204 No Content\r\n\r\n")
                else:
                    event = json.loads(body)
                    self.records.append((received_at, path, event["id"], event["time"]))
                    writer.write(b"HTTP/1.1 204 No Content\r\n\r\n")
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()


async def main(port: int) -> None:
    server = await asyncio.start_server(Receiver().handle, "127.0.0.1", port, backlog=1024)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1])))
