"""The webhook dispatcher's place in the worker: started with it, stopped with it (contract §12).

Deliveries are not arq jobs: each subscription's lane is a long-lived task of the dispatcher, so a slow endpoint
holds no job slot, and the lanes' work is found in the database, not in Redis (see `dispatcher.py`).
"""

from __future__ import annotations

import logging
from typing import Any

from correspondence.adapters.crypto import MasterKeyError, load_keyring
from correspondence.settings import Settings
from correspondence.webhook.dispatcher import Dispatcher

logger = logging.getLogger(__name__)

_CONTEXT_KEY = "webhook_dispatcher"


def start_dispatcher(ctx: dict[str, Any]) -> None:
    settings: Settings = ctx["settings"]
    try:
        keyring = load_keyring(settings)
    except MasterKeyError as error:
        # Secrets are sealed under the master keys: without them no delivery can be signed. The rest of the
        # worker still runs; the deliveries wait in the database for a worker that has the keys.
        logger.error("Webhooks are not delivered by this worker: %s", error)
        return
    dispatcher = Dispatcher(settings, keyring)
    dispatcher.start()
    ctx[_CONTEXT_KEY] = dispatcher


async def stop_dispatcher(ctx: dict[str, Any]) -> None:
    dispatcher: Dispatcher | None = ctx.pop(_CONTEXT_KEY, None)
    if dispatcher is not None:
        await dispatcher.stop()
