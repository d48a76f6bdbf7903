"""Schema and field extensions: contract error codes, masking, who may call a root field, and its transaction."""

from __future__ import annotations

import inspect
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any

from graphql import GraphQLError
from strawberry.extensions import FieldExtension, SchemaExtension
from strawberry.types import ExecutionResult, Info, StreamExecutionResult

from correspondence.access.context import Context
from correspondence.graphql.operations import Rule
from correspondence.kit.errors import BadUserInput, DomainError, ErrorCode, RateLimited
from correspondence.kit.fair_use import LimitClass
from correspondence.kit.unit_of_work import expecting_unit_of_work, unit_of_work

logger = logging.getLogger("correspondence.graphql")

UNEXPECTED_MESSAGE = "Unexpected error."


def is_unexpected(error: GraphQLError) -> bool:
    """Errors raised during execution by anything but a domain error are bugs: mask and log them."""
    if isinstance(error.original_error, DomainError):
        return False
    return error.path is not None


def domain_extensions(error: DomainError) -> dict[str, Any]:
    """`extensions` of a domain error: its code, and when to retry one over a fair-use limit."""
    extensions: dict[str, Any] = {"code": error.code.value}
    if isinstance(error, RateLimited):
        extensions["retryAfter"] = error.retry_after
    return extensions


def _with_code(error: GraphQLError, code: ErrorCode, message: str, field: str | None = None) -> GraphQLError:
    extensions: dict[str, Any] = {"code": code.value}
    if field is not None:
        extensions["field"] = field
    if isinstance(error.original_error, RateLimited):
        extensions["retryAfter"] = error.original_error.retry_after
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=error.original_error,
        extensions=extensions,
    )


def contract_errors(errors: list[GraphQLError]) -> list[GraphQLError]:
    """Give every error its `extensions.code`; split multi-field input errors; mask the unexpected."""
    out: list[GraphQLError] = []
    for error in errors:
        original = error.original_error
        if isinstance(original, BadUserInput):
            out.extend(_with_code(error, original.code, e.message, e.field) for e in original.errors)
        elif isinstance(original, DomainError):
            out.append(_with_code(error, original.code, original.message, original.field))
        elif is_unexpected(error):
            out.append(_with_code(error, ErrorCode.INTERNAL_SERVER_ERROR, UNEXPECTED_MESSAGE))
        else:  # parse, validation and variable coercion errors: the client's to fix, and safe to show
            out.append(_with_code(error, ErrorCode.BAD_USER_INPUT, error.message))
    return out


class ContractErrors(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        try:
            yield
        except GraphQLError as error:
            # Syntax errors (the token limit among them) and refusals before parsing leave the operation as an
            # exception, which strawberry turns into the response after this hook: give them their code on the way
            # out.
            original = error.original_error
            code = original.code if isinstance(original, DomainError) else ErrorCode.BAD_USER_INPUT
            error.extensions = {**(error.extensions or {}), "code": code.value}
            raise
        result = self.execution_context.result
        if result is not None and result.errors:
            result.errors = contract_errors(result.errors)
        elif self.execution_context.pre_execution_errors:
            self.execution_context.pre_execution_errors = contract_errors(self.execution_context.pre_execution_errors)

    def on_stream_result(self, result: StreamExecutionResult) -> Iterator[None]:
        # Websocket results (each subscription event, and a subscription's refusal) are sent before the
        # operation ends: give their errors the contract codes here.
        if isinstance(result, ExecutionResult) and result.errors:
            result.errors = contract_errors(result.errors)
        yield


class FairUseOfRequests(SchemaExtension):
    """Counts each operation of an authenticated caller against the `graphql` limit; over it the operation is
    refused with RATE_LIMITED and `extensions.retryAfter` before it is parsed, so nothing runs."""

    async def on_operation(self) -> AsyncIterator[None]:
        caller = self.execution_context.context
        if isinstance(caller, Context) and caller.actor is not None:
            try:
                await caller.take_fair_use(LimitClass.GRAPHQL)
            except RateLimited as error:
                raise GraphQLError(error.message, original_error=error, extensions=domain_extensions(error)) from None
        yield


class Guarded(FieldExtension):
    """Admits only the actors its row of the operations table names: UNAUTHENTICATED without a valid token,
    FORBIDDEN for any other actor. Judged on every call, subscriptions included, before the resolver runs."""

    def __init__(self, rule: Rule) -> None:
        self.rule = rule

    async def resolve_async(
        self, next_: Callable[..., Any], source: Any, info: Info[Context, Any], **kwargs: Any
    ) -> Any:
        self.rule.check(info.context.require_actor())
        result = next_(source, info, **kwargs)
        return result if inspect.isasyncgen(result) else await result


class InUnitOfWork(FieldExtension):
    """Runs the field's resolver as one unit of work: one transaction, after-commit effects after it."""

    async def resolve_async(
        self, next_: Callable[..., Awaitable[Any]], source: Any, info: Info[Any, Any], **kwargs: Any
    ) -> Any:
        async with unit_of_work():
            return await next_(source, info, **kwargs)


class OpensItsUnitOfWork(FieldExtension):
    """For a resolver marked `opens_its_unit_of_work`: it opens the unit of work itself, after its slow work;
    returning without having opened one is a bug, reported as one."""

    async def resolve_async(
        self, next_: Callable[..., Awaitable[Any]], source: Any, info: Info[Any, Any], **kwargs: Any
    ) -> Any:
        with expecting_unit_of_work(info.field_name):
            return await next_(source, info, **kwargs)
