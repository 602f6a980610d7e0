"""Indexes for browsing the store (sitrep serve): events by country, type and date; and by
status and date with the types, for the timeline.

Revision ID: 0002
Revises: 0001
"""
from __future__ import annotations

from alembic import op


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_events_country_type_date', 'events', ['country', 'event_type', 'event_date'])
    op.create_index('ix_events_status_date_type', 'events', ['status', 'event_date', 'event_type', 'plover_type'])


def downgrade() -> None:
    op.drop_index('ix_events_status_date_type', table_name='events')
    op.drop_index('ix_events_country_type_date', table_name='events')
