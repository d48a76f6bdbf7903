"""Validation rules, built once: rule classes created per request would defeat the validation cache."""

from __future__ import annotations

from typing import Any

from graphql import ASTValidationRule, DirectiveNode, GraphQLError, ValidationContext
from strawberry.extensions.max_aliases import create_validator as max_aliases_validator
from strawberry.extensions.query_depth_limiter import create_validator as depth_validator

MAX_DEPTH = 12
MAX_ALIASES = 30
MAX_DIRECTIVES = 50
MAX_TOKENS = 5000


class MaxDirectivesRule(ASTValidationRule):
    """Aborts validation with one error when a document carries too many directives."""

    def __init__(self, context: ValidationContext) -> None:
        super().__init__(context)
        self.count = 0

    def enter_directive(self, node: DirectiveNode, *_args: Any) -> Any:
        self.count += 1
        if self.count > MAX_DIRECTIVES:
            self.report_error(GraphQLError(f"The document has more than {MAX_DIRECTIVES} directives."))
            return self.BREAK
        return None


VALIDATION_RULES: list[type[ASTValidationRule]] = [
    depth_validator(MAX_DEPTH, None),
    max_aliases_validator(MAX_ALIASES),
    MaxDirectivesRule,
]
