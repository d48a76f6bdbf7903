"""GraphQL documents and inputs of the webhook tests."""

from __future__ import annotations

from typing import Any

SUBSCRIPTION_FIELDS = "id url parties resourceIds types status statusText created"

CREATE = f"""
mutation Create($input: WebhookSubscriptionInput!) {{
  createWebhookSubscription(input: $input) {{ secret subscription {{ {SUBSCRIPTION_FIELDS} }} }}
}}"""

ROTATE = f"""
mutation Rotate($id: ID!) {{
  rotateWebhookSecret(id: $id) {{ secret subscription {{ {SUBSCRIPTION_FIELDS} }} }}
}}"""

DELETE = "mutation Delete($id: ID!) { deleteWebhookSubscription(id: $id) }"

LIST = f"query {{ webhookSubscriptions {{ {SUBSCRIPTION_FIELDS} }} }}"

DELIVERIES = """
query Deliveries($id: ID!, $first: Int, $after: String) {
  webhookDeliveries(subscriptionId: $id, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id eventId type attempt status responseStatus error created deliveredAt nextAttemptAt
      attemptHistory { number started durationMs responseStatus error } } }
  }
}"""


def create_input(url: str = "https://hooks.example.com/correspondence", **filters: Any) -> dict[str, Any]:
    return {"url": url, **filters}
