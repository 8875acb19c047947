"""events keep where they happened as coordinates (the gazetteer's place) and their counts

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 04:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('events') as batch:
        batch.add_column(sa.Column('location_lat', sa.Float(), nullable=True))
        batch.add_column(sa.Column('location_lon', sa.Float(), nullable=True))
        batch.add_column(sa.Column('location_admin1', sa.String(length=40), nullable=True))
        batch.add_column(sa.Column('location_geonameid', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('location_reason', sa.String(length=300), nullable=True))
        batch.add_column(sa.Column('counts', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('events') as batch:
        batch.drop_column('counts')
        batch.drop_column('location_reason')
        batch.drop_column('location_geonameid')
        batch.drop_column('location_admin1')
        batch.drop_column('location_lon')
        batch.drop_column('location_lat')
