// Runs the graphql-http package's GraphQL-over-HTTP server audit against GRAPHQL_URL, as a client holding
// GRAPHQL_TOKEN, and prints one JSON line per audit: {id, name, status, reason}.
import { auditServer } from "graphql-http";

const url = process.env.GRAPHQL_URL;
const token = process.env.GRAPHQL_TOKEN;

function authorizedFetch(input, init = {}) {
  const headers = new Headers(init.headers);
  headers.set("authorization", `Bearer ${token}`);
  return fetch(input, { ...init, headers });
}

const results = await auditServer({ url, fetchFn: authorizedFetch });
for (const result of results) {
  console.log(JSON.stringify({ id: result.id, name: result.name, status: result.status, reason: result.reason ?? null }));
}
