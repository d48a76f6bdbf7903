"""The baseline of bench/graphql_overhead.py: the smallest Starlette JSON endpoint, served like the API.

It reads the same POSTed JSON and answers a JSON body of the same shape, so the difference to the real service
is what GraphQL, authentication and the database cost.
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route


async def graphql(request: Request) -> Response:
    await request.json()
    return JSONResponse({"data": {"me": {"actorType": "PERSON", "name": "Kari Nordmann"}}})


async def readyz(request: Request) -> Response:
    return PlainTextResponse("ok")


app = Starlette(routes=[Route("/graphql", graphql, methods=["POST"]), Route("/readyz", readyz)])
