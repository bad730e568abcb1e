"""Importing a directive from its text: drafts, the Office's corrections, publishing.

    draft = draft_create(user=…, text=…, source_type="paste")       # ImportRefused
    draft_save_part(draft, "4", part_values, task_values, revision=…, op="merge", uids=[…])
    directive = draft_publish(draft, user=…, status="published")    # PublishRefused

Units and unit groups come from the database (registry_from_database), and publishing goes
through the structured loader (directives.loading.load_directive), so an imported directive
is written exactly as a directives/data/*.yaml file would be.
"""

from .copying import draft_from_directive
from .drafts import ImportRefused, draft_create, parse_text
from .editing import (
    CLOSING,
    EditRefused,
    StaleDraft,
    draft_discard,
    draft_place_unplaced,
    draft_save_distribution,
    draft_save_documents,
    draft_save_header,
    draft_save_part,
    part_ids,
    sentences,
)
from .publishing import DIRECTIVE_IMPORTED, PublishRefused, directive_key, draft_publish, load_data, publish_check
from .registry import GROUP_LABELS, database_groups, registry_from_database, unit_rows

__all__ = [
    "CLOSING", "DIRECTIVE_IMPORTED", "GROUP_LABELS", "EditRefused", "ImportRefused", "PublishRefused",
    "StaleDraft", "database_groups", "directive_key", "draft_create", "draft_discard", "draft_from_directive",
    "draft_place_unplaced", "draft_publish", "draft_save_distribution", "draft_save_documents",
    "draft_save_header", "draft_save_part", "load_data", "parse_text", "publish_check", "part_ids",
    "registry_from_database", "sentences", "unit_rows",
]
