"""security event log

Revision ID: a1b2c3d4e5f6
Revises: c5ef09f5ad47
Create Date: 2026-11-30 04:40:00

"""
from alembic import op
import sqlalchemy as sa

import visitatie.models.types


revision = 'a1b2c3d4e5f6'
down_revision = 'c5ef09f5ad47'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'security_event',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('at', visitatie.models.types.UTCDateTime(), nullable=False),
        sa.Column('kind', sa.String(length=40), nullable=False),
        sa.Column('actor', sa.String(length=254), nullable=True),
        sa.Column('ip', sa.String(length=45), nullable=True),
        sa.Column('round_id', sa.Integer(), nullable=True),
        sa.Column('detail', sa.String(length=500), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_security_event')),
    )
    with op.batch_alter_table('security_event', schema=None) as batch_op:
        batch_op.create_index('ix_security_event_kind_at', ['kind', 'at'], unique=False)
        batch_op.create_index(batch_op.f('ix_security_event_at'), ['at'], unique=False)


def downgrade():
    with op.batch_alter_table('security_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_security_event_at'))
        batch_op.drop_index('ix_security_event_kind_at')
    op.drop_table('security_event')
