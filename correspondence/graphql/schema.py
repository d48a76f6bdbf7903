"""The GraphQL schema (contract §8), hardened for production and relaxed in dev mode."""

from __future__ import annotations

import logging
from collections.abc import Callable

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    AddValidationRules,
    DisableIntrospection,
    MaxTokensLimiter,
    ParserCache,
    SchemaExtension,
    ValidationCache,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext

from correspondence.graphql.extensions import ContractErrors, is_unexpected
from correspondence.graphql.root import Mutation, Query, Subscription
from correspondence.graphql.validation import MAX_TOKENS, VALIDATION_RULES

logger = logging.getLogger("correspondence.graphql")


class Schema(strawberry.Schema):
    def process_errors(self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None) -> None:
        # Client errors are answers, not incidents: log only what is unexpected, with its traceback.
        for error in errors:
            if is_unexpected(error):
                logger.error("Unexpected error in %s", error.path, exc_info=error.original_error)


def build_schema(*, dev_mode: bool) -> Schema:
    # Extensions are passed as classes or factories: instances would be shared by concurrent requests.
    extensions: list[type[SchemaExtension] | Callable[[], SchemaExtension]] = [
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        lambda: AddValidationRules(VALIDATION_RULES),
        lambda: ParserCache(maxsize=1000),
        lambda: ValidationCache(maxsize=1000),
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
