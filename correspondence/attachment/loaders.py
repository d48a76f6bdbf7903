"""DataLoaders over attachments: a whole page's attachments in one query, each attachment built once.

An upload is typically reused by many correspondences (one letter to many recipients, the same terms on every
letter), so a page's rows repeat the same attachments, and each distinct one becomes one model object.
"""

from __future__ import annotations

from uuid import UUID

from strawberry.dataloader import DataLoader

from correspondence.attachment import repository as repository
from correspondence.attachment.repository import Attachment


class CorrespondenceAttachmentsLoader(DataLoader[UUID, list[Attachment]]):
    """Correspondence id → its attachments in the order the sender gave them (one query for all ids).

    Load only ids of correspondences the caller has read through the correspondence repository: an attachment
    of a correspondence is readable through that correspondence.
    """

    def __init__(self) -> None:
        super().__init__(load_fn=repository.of_correspondences)
