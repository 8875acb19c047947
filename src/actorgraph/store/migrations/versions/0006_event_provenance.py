"""events keep the rule that fired, its CAMEO code, and whether the act was mutual

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07 03:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('events') as batch:
        batch.add_column(sa.Column('rule', sa.String(length=200), nullable=True))
        batch.add_column(sa.Column('cameo', sa.String(length=12), nullable=True))
        batch.add_column(sa.Column('mutual', sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table('events') as batch:
        batch.drop_column('mutual')
        batch.drop_column('cameo')
        batch.drop_column('rule')
