"""The GraphQL schema (contract §8), hardened for production and relaxed in dev mode."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    AddValidationRules,
    DisableIntrospection,
    MaxTokensLimiter,
    ParserCache,
    SchemaExtension,
)
from strawberry.extensions.field_extension import FieldExtension
from strawberry.schema.config import StrawberryConfig
from strawberry.schema.schema import StreamResult
from strawberry.types import ExecutionContext
from strawberry.types.base import get_object_definition
from strawberry.types.field import StrawberryField
from strawberry.types.graphql import OperationType

from correspondence.access.context import Context
from correspondence.graphql.extensions import (
    ContractErrors,
    FairUseOfRequests,
    Guarded,
    InUnitOfWork,
    OpensItsUnitOfWork,
    is_unexpected,
)
from correspondence.graphql.operations import field_rule
from correspondence.graphql.root import Mutation, Query, Subscription
from correspondence.graphql.validation import (
    MAX_TOKENS,
    VALIDATION_RULES,
    AnonymousDocumentLimit,
    BoundedValidation,
)
from correspondence.kit.unit_of_work import OPENS_ITS_UNIT_OF_WORK

logger = logging.getLogger("correspondence.graphql")


class Schema(strawberry.Schema):
    async def stream(
        self,
        query: str | None,
        variable_values: dict[str, Any] | None = None,
        context_value: Any | None = None,
        root_value: Any | None = None,
        operation_name: str | None = None,
        operation_extensions: dict[str, Any] | None = None,
        allowed_operation_types: Iterable[OperationType] | None = None,
    ) -> StreamResult:
        # Websocket operations (the only streamed ones) would all share the connection's context: each gets its
        # own, so a query never reads rows another operation's loaders cached earlier on the same socket.
        if isinstance(context_value, Context):
            context_value = context_value.for_operation()
        return await super().stream(
            query,
            variable_values,
            context_value,
            root_value,
            operation_name,
            operation_extensions,
            allowed_operation_types,
        )

    def process_errors(self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None) -> None:
        # Client errors are answers, not incidents: log only what is unexpected, with its traceback.
        for error in errors:
            if is_unexpected(error):
                logger.error("Unexpected error in %s", error.path, exc_info=error.original_error)


ROOTS: dict[OperationType, type] = {
    OperationType.QUERY: Query,
    OperationType.MUTATION: Mutation,
    OperationType.SUBSCRIPTION: Subscription,
}
# Queries that write: a recipient's read of one correspondence records FETCHED.
WRITING_QUERIES = frozenset({"correspondence"})
ASSEMBLED = (Guarded, InUnitOfWork, OpensItsUnitOfWork)


def root_fields(operation: OperationType) -> list[StrawberryField]:
    definition = get_object_definition(ROOTS[operation], strict=True)
    return list(definition.fields)


def graphql_name(field: StrawberryField) -> str:
    return StrawberryConfig().name_converter.get_graphql_name(field)


def _transaction(operation: OperationType, field: StrawberryField) -> list[FieldExtension]:
    if operation is OperationType.MUTATION or (
        operation is OperationType.QUERY and graphql_name(field) in WRITING_QUERIES
    ):
        resolver = field.base_resolver.wrapped_func if field.base_resolver else None
        return [OpensItsUnitOfWork() if getattr(resolver, OPENS_ITS_UNIT_OF_WORK, False) else InUnitOfWork()]
    return []


def assemble_root_fields() -> None:
    """Give every root field its guard from the operations table and, where it writes, its unit of work, so no
    field can forget either. A field the table does not list stops the build (UnlistedOperation)."""
    for operation in ROOTS:
        for field in root_fields(operation):
            own = [e for e in field.extensions if not isinstance(e, ASSEMBLED)]  # building twice replaces ours
            guard = Guarded(field_rule(operation, graphql_name(field)))
            field.extensions = [guard, *_transaction(operation, field), *own]


def build_schema(*, dev_mode: bool) -> Schema:
    assemble_root_fields()
    # Extensions are passed as classes or factories: instances would be shared by concurrent requests.
    extensions: list[type[SchemaExtension] | Callable[[], SchemaExtension]] = [
        FairUseOfRequests,  # first: a caller over the limit costs one count, not a parse
        AnonymousDocumentLimit,  # before the parser cache: such a document is not parsed at all
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        lambda: AddValidationRules(VALIDATION_RULES),
        lambda: ParserCache(maxsize=1000),
        lambda: BoundedValidation(maxsize=1000),
        ContractErrors,
    ]
    if not dev_mode:
        extensions.append(DisableIntrospection)
    return Schema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        extensions=extensions,
        config=StrawberryConfig(disable_field_suggestions=not dev_mode),
    )
