"""Counters that must outlive the rows they number: the next merged-event id, so that an id
freed when `sitrep reextract` removes an event is never given to another event. And an index
on the reports' story, by which a writer with a merge window reads back a story's events.

Revision ID: 0003
Revises: 0002
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'counters',
        sa.Column('name', sa.String(length=64), nullable=False),
        sa.Column('value', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('name'),
    )
    # A store made before this table: its next event id is one past the highest it holds.
    op.execute("INSERT INTO counters (name, value) SELECT 'next_event_id', COALESCE(MAX(id), 0) + 1 FROM events")
    op.create_index('ix_event_reports_story_id', 'event_reports', ['story_id'])


def downgrade() -> None:
    op.drop_index('ix_event_reports_story_id', table_name='event_reports')
    op.drop_table('counters')
