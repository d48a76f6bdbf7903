"""Domain errors with the stable codes of the GraphQL contract (contract §8).

Services raise these; the GraphQL layer turns them into `extensions.code` (and `extensions.field`), the HTTP
routes into status codes. Anything else is unexpected and masked.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ErrorCode(StrEnum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    FORBIDDEN = "FORBIDDEN"
    NOT_FOUND = "NOT_FOUND"
    BAD_USER_INPUT = "BAD_USER_INPUT"
    CONFLICT = "CONFLICT"
    PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE"
    RATE_LIMITED = "RATE_LIMITED"
    INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"


class DomainError(Exception):
    code: ErrorCode = ErrorCode.INTERNAL_SERVER_ERROR
    http_status: int = 500

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field  # the input the error is about, where one is (`extensions.field`)


class Unauthenticated(DomainError):
    code = ErrorCode.UNAUTHENTICATED
    http_status = 401


class Forbidden(DomainError):
    code = ErrorCode.FORBIDDEN
    http_status = 403


class NotFound(DomainError):
    code = ErrorCode.NOT_FOUND
    http_status = 404

    def __init__(self, what: str = "The object", *, message: str | None = None) -> None:
        super().__init__(message or f"{what} was not found.")


class Conflict(DomainError):
    code = ErrorCode.CONFLICT
    http_status = 409


class PayloadTooLarge(DomainError):
    code = ErrorCode.PAYLOAD_TOO_LARGE
    http_status = 413


class RateLimited(DomainError):
    """Over a fair-use limit (design §15): nothing was done; `retry_after` says in how many seconds to try again."""

    code = ErrorCode.RATE_LIMITED
    http_status = 429

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class ServiceUnavailable(DomainError):
    """Something the service depends on (the attachment store, say) failed; trying again later may work."""

    http_status = 503


@dataclass(frozen=True, slots=True)
class FieldError:
    field: str
    message: str


class BadUserInput(DomainError):
    """One or more input errors, each naming its field (a dotted path into the input)."""

    code = ErrorCode.BAD_USER_INPUT
    http_status = 400

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(f"{e.field}: {e.message}" for e in errors))
        self.errors = errors

    @classmethod
    def single(cls, field: str, message: str) -> BadUserInput:
        return cls([FieldError(field, message)])


class InputErrors:
    """Collects every problem of one input, so a client sees them all at once."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def add(self, field: str, message: str) -> None:
        self.errors.append(FieldError(field, message))

    def __bool__(self) -> bool:
        return bool(self.errors)

    def raise_if_any(self) -> None:
        if self.errors:
            raise BadUserInput(self.errors)
