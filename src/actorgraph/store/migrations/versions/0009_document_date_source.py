"""documents record where their date came from (text, page, http, file, ingest)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 05:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable: a row stored before this revision has no recorded source; its date, if any, can
    # only be the story's own, and readers treat NULL that way.
    op.add_column('documents', sa.Column('date_source', sa.String(length=10), nullable=True))


def downgrade() -> None:
    # A plain DROP COLUMN, not a batch copy: on SQLite the search view built on `documents`
    # (0005) forbids renaming a rebuilt table into its place. SQLite has DROP COLUMN from 3.35.
    op.drop_column('documents', 'date_source')
