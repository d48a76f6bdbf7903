"""What a document may cost before it is validated, and validation rules built once (rule classes created per
request would defeat the validation cache).

graphql-core's validation is superlinear in the document: its overlapping-fields rule compares every pair of
same-named fields in a selection set, so a 20 KB document repeating one field a few hundred times costs a second of
event-loop CPU. The shape of the parsed document is checked first, in one linear pass, and a document outside the
bounds is refused before any rule runs. A caller without a valid token, who can read nothing but the meta fields,
is refused earlier still: before parsing when its document is long, before validation when it asks for data.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from graphql import (
    ASTValidationRule,
    DirectiveNode,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    GraphQLError,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
)
from strawberry.extensions import SchemaExtension, ValidationCache
from strawberry.extensions.max_aliases import create_validator as max_aliases_validator
from strawberry.extensions.query_depth_limiter import create_validator as depth_validator

from correspondence.access.context import Context
from correspondence.kit.errors import Unauthenticated

MAX_DEPTH = 12
MAX_ALIASES = 30
MAX_DIRECTIVES = 50
MAX_TOKENS = 5000
# Without a valid token nothing but the meta fields answer, and parsing alone costs about 7 µs a token: outside
# dev mode (where GraphiQL introspects without one) a longer document from such a caller is not parsed at all.
MAX_ANONYMOUS_DOCUMENT_CHARS = 500
# Selections are fields, fragment spreads and inline fragments as written. The widest type of the contract has
# about 30 fields; within these bounds the slowest document validates in tens of milliseconds.
MAX_SELECTIONS_PER_SET = 50
MAX_SELECTIONS = 250
# Without a token only these answer; every other root field refuses the caller anyway.
META_FIELDS = frozenset({"__typename", "__schema", "__type"})


@dataclass(slots=True)
class Shape:
    """What one linear pass over a parsed document counts."""

    selections: int = 0
    widest_selection_set: int = 0
    directives: int = 0
    directive_names: set[str] = field(default_factory=set)
    selects_data: bool = False  # a root field beyond the meta fields

    def count_directives(self, directives: Iterable[DirectiveNode] | None) -> None:
        for directive in directives or ():
            self.directives += 1
            self.directive_names.add(directive.name.value)


def shape_of(document: DocumentNode) -> Shape:
    shape = Shape()
    pending: list[SelectionSetNode] = []
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode):
            for variable in definition.variable_definitions or ():
                shape.count_directives(variable.directives)
            shape.selects_data |= any(
                not isinstance(selection, FieldNode) or selection.name.value not in META_FIELDS
                for selection in definition.selection_set.selections
            )
        if isinstance(definition, (OperationDefinitionNode, FragmentDefinitionNode)):
            shape.count_directives(definition.directives)
            pending.append(definition.selection_set)
    while pending:
        selections = pending.pop().selections
        shape.selections += len(selections)
        shape.widest_selection_set = max(shape.widest_selection_set, len(selections))
        for selection in selections:
            shape.count_directives(selection.directives)
            if isinstance(selection, (FieldNode, InlineFragmentNode)) and selection.selection_set is not None:
                pending.append(selection.selection_set)
    return shape


def _excess(shape: Shape, schema: GraphQLSchema) -> str | None:
    if shape.directives > MAX_DIRECTIVES:
        return f"The document has more than {MAX_DIRECTIVES} directives."
    unknown = shape.directive_names - {directive.name for directive in schema.directives}
    if unknown:
        # One answer however often they repeat: validation would report each use of each one.
        return "Unknown directives: " + ", ".join(f"@{name}" for name in sorted(unknown)) + "."
    if shape.widest_selection_set > MAX_SELECTIONS_PER_SET:
        return f"A selection set has more than {MAX_SELECTIONS_PER_SET} selections."
    if shape.selections > MAX_SELECTIONS:
        return f"The document has more than {MAX_SELECTIONS} selections."
    return None


def _unauthenticated(caller: Context) -> GraphQLError:
    error = caller.auth_error or Unauthenticated("A bearer token is required.")
    return GraphQLError(error.message, original_error=error)


def refusal(document: DocumentNode, schema: GraphQLSchema, context: object) -> GraphQLError | None:
    """Why the document is refused before validation, if it is: out of bounds, or asking a caller without a
    valid token for data (every root field but the meta fields would refuse it, after validating for nothing)."""
    shape = shape_of(document)
    excess = _excess(shape, schema)
    if excess is not None:
        return GraphQLError(excess)
    if isinstance(context, Context) and context.actor is None and shape.selects_data:
        return _unauthenticated(context)
    return None


class AnonymousDocumentLimit(SchemaExtension):
    """Refuses, before parsing, a document longer than `MAX_ANONYMOUS_DOCUMENT_CHARS` from a caller without a
    valid token (outside dev mode): UNAUTHENTICATED, at the cost of a length."""

    def on_parse(self) -> Iterator[None]:
        caller = self.execution_context.context
        query = self.execution_context.query or ""
        if (
            isinstance(caller, Context)
            and caller.actor is None
            and not caller.settings.dev_mode
            and len(query) > MAX_ANONYMOUS_DOCUMENT_CHARS
        ):
            raise _unauthenticated(caller)
        yield


class BoundedValidation(ValidationCache):
    """Strawberry's validation cache, behind the checks of `refusal`: whitespace or a new alias makes a new
    document for the cache, but never an expensive one."""

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        assert context.graphql_document is not None
        error = refusal(context.graphql_document, context.schema._schema, context.context)
        if error is None:
            yield from super().on_validate()
        else:
            context.pre_execution_errors = [error]
            yield


VALIDATION_RULES: list[type[ASTValidationRule]] = [
    depth_validator(MAX_DEPTH, None),
    max_aliases_validator(MAX_ALIASES),
]
