"""The baseline: the same inbox page served by hand with starlette + asyncpg, no GraphQL and no ORM.

It does the work no implementation can skip: verify the token, look up the reader's access, query the page and
the count, write JSON. `python bench/bare_inbox.py PORT DATABASE_URL JWKS_PATH`.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg
import jwt
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from correspondence.kit.garbage_collector import settle_after_startup

PAGE = """
SELECT id, status, sender_name, message_title, publish_at FROM correspondence
WHERE recipient = ANY($1::text[]) AND status IN ('PUBLISHED','READ','REPLIED','CONFIRMED') {search}
ORDER BY publish_at DESC, id DESC LIMIT 21"""
COUNT = """
SELECT count(*) FROM correspondence
WHERE recipient = ANY($1::text[]) AND status IN ('PUBLISHED','READ','REPLIED','CONFIRMED') {search}"""
SEARCH = "AND search_vector @@ to_tsquery('norwegian', $2)"
ATTACHMENTS = """
SELECT l.correspondence_id, a.id, a.file_name, a.size FROM correspondence_attachment l
JOIN attachment a ON a.id = l.attachment_id WHERE l.correspondence_id = ANY($1::uuid[])
ORDER BY l.correspondence_id, l.position"""
LINK_KEY = b"bench-link-key"


def build(database_url: str, jwks_path: str) -> Starlette:
    with open(jwks_path) as jwks:
        key = jwt.PyJWK.from_dict(json.load(jwks)["keys"][0]).key
    state: dict[str, asyncpg.Pool] = {}

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        state["pool"] = await asyncpg.create_pool(database_url, min_size=2, max_size=10)
        settle_after_startup()  # the service's garbage-collector settings, so that only the work differs
        yield
        await state["pool"].close()

    async def inbox(request: Request) -> Response:
        token = request.headers["authorization"].split(" ", 1)[1]
        claims = jwt.decode(token, key, algorithms=["ES256"], audience="correspondence", issuer="correspondence-dev")
        body = await request.json()
        search = body.get("search")
        async with state["pool"].acquire() as connection:
            roles = await connection.fetch(
                "SELECT organization_number FROM role WHERE national_identity_number = $1", claims["pid"]
            )
            parties = [f"urn:altinn:person:identifier-no:{claims['pid']}"] + [
                f"urn:altinn:organization:identifier-no:{r[0]}" for r in roles
            ]
            args: list[object] = [parties] + ([f"{search}:*"] if search else [])
            clause = SEARCH if search else ""
            rows = await connection.fetch(PAGE.format(search=clause), *args)
            total = await connection.fetchval(COUNT.format(search=clause), *args)
            links = await connection.fetch(ATTACHMENTS, [r["id"] for r in rows[:20]])
        attachments: dict[object, list[dict[str, object]]] = {}
        for link in links:
            # A signed download link per attachment, as the contract's downloadUrl needs.
            signature = hmac.new(LINK_KEY, f"{link[0]}/{link[1]}".encode(), hashlib.sha256).hexdigest()
            attachments.setdefault(link[0], []).append(
                {
                    "id": str(link[1]),
                    "fileName": link[2],
                    "size": link[3],
                    "downloadUrl": f"/dl/{link[1]}?s={signature}",
                }
            )
        edges = [
            {
                "node": {
                    "id": str(r["id"]),
                    "status": r["status"],
                    "senderName": r["sender_name"],
                    "title": r["message_title"],
                    "attachments": attachments.get(r["id"], []),
                }
            }
            for r in rows[:20]
        ]
        return JSONResponse({"data": {"correspondences": {"totalCount": total, "edges": edges}}})

    return Starlette(routes=[Route("/graphql", inbox, methods=["POST"])], lifespan=lifespan)


if __name__ == "__main__":
    uvicorn.run(
        build(sys.argv[2], sys.argv[3]), host="127.0.0.1", port=int(sys.argv[1]), log_level="warning", access_log=False
    )
