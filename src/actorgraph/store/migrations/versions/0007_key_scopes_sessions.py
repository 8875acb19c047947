"""API keys get scopes (read, write); dashboard sign-ins become server-side sessions

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-08 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Every existing key could read and write: the default keeps it so.
    with op.batch_alter_table('api_keys') as batch:
        batch.add_column(sa.Column('scopes', sa.String(length=40), nullable=False, server_default='read write'))
    op.create_table('api_sessions',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('key_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['key_id'], ['api_keys.id'], name=op.f('fk_api_sessions_key_id_api_keys'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_sessions')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_api_sessions_token_hash'))
    )
    op.create_index(op.f('ix_api_sessions_key_id'), 'api_sessions', ['key_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_api_sessions_key_id'), table_name='api_sessions')
    op.drop_table('api_sessions')
    with op.batch_alter_table('api_keys') as batch:
        batch.drop_column('scopes')
