"""Plain HTTP endpoints beside GraphQL (design §8): thin like resolvers, answering errors in GraphQL's shape."""
