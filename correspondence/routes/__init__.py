"""Plain HTTP endpoints beside GraphQL, one module per domain."""
