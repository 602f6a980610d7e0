"""Initial schema: every table, and the ACLED-style view `acled_events`.

Revision ID: 0001
Revises: 
Create Date: 2026-11-26 02:10:18.365569
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None

# The ACLED flat table, column for column in ACLED's published order. Only current events with
# an ACLED type: background mentions and PLOVER-only events are not ACLED events.
ACLED_VIEW = """
CREATE VIEW acled_events AS
SELECT
    e.event_id_cnty AS event_id_cnty,
    e.event_date AS event_date,
    e.year AS year,
    e.time_precision AS time_precision,
    e.disorder_type AS disorder_type,
    e.event_type AS event_type,
    e.sub_event_type AS sub_event_type,
    e.actor1 AS actor1,
    e.assoc_actor_1 AS assoc_actor_1,
    e.inter1 AS inter1,
    e.actor2 AS actor2,
    e.assoc_actor_2 AS assoc_actor_2,
    e.inter2 AS inter2,
    e.interaction AS interaction,
    CASE WHEN e.civilian_targeting THEN 'Civilian targeting' ELSE '' END AS civilian_targeting,
    c.iso_numeric AS iso,
    c.region AS region,
    COALESCE(c.name, e.country) AS country,
    e.admin1 AS admin1,
    CAST(NULL AS VARCHAR(1)) AS admin2,
    CAST(NULL AS VARCHAR(1)) AS admin3,
    e.location AS location,
    e.latitude AS latitude,
    e.longitude AS longitude,
    e.geo_precision AS geo_precision,
    e.sources AS source,
    CAST(NULL AS VARCHAR(1)) AS source_scale,
    e.notes AS notes,
    COALESCE(e.fatalities, 0) AS fatalities,
    CAST(NULL AS VARCHAR(1)) AS tags,
    e.updated_timestamp AS "timestamp"
FROM events e
LEFT JOIN countries c ON c.iso3 = e.country
WHERE e.status = 'current' AND e.event_type IS NOT NULL
"""


def upgrade() -> None:
    op.create_table('countries',
    sa.Column('iso3', sa.String(length=3), nullable=False),
    sa.Column('iso_numeric', sa.Integer(), nullable=True),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('region', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('iso3')
    )
    op.create_table('entities',
    sa.Column('id', sa.String(length=512), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('inter', sa.Integer(), nullable=True),
    sa.Column('country', sa.String(length=3), nullable=True),
    sa.Column('generic', sa.Boolean(), nullable=False),
    sa.Column('n_articles', sa.Integer(), nullable=False),
    sa.Column('first_seen', sa.Date(), nullable=True),
    sa.Column('last_seen', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('events',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('event_id_cnty', sa.String(length=32), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('event_date', sa.Date(), nullable=True),
    sa.Column('date_end', sa.Date(), nullable=True),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('time_precision', sa.Integer(), nullable=True),
    sa.Column('disorder_type', sa.String(length=64), nullable=True),
    sa.Column('event_type', sa.String(length=64), nullable=True),
    sa.Column('sub_event_type', sa.String(length=64), nullable=True),
    sa.Column('plover_type', sa.String(length=16), nullable=True),
    sa.Column('plover_mode', sa.String(length=32), nullable=True),
    sa.Column('actor1_id', sa.String(length=512), nullable=True),
    sa.Column('actor1', sa.Text(), nullable=True),
    sa.Column('assoc_actor_1', sa.Text(), nullable=True),
    sa.Column('assoc_actor_1_ids', sa.Text(), nullable=True),
    sa.Column('inter1', sa.Integer(), nullable=True),
    sa.Column('actor2_id', sa.String(length=512), nullable=True),
    sa.Column('actor2', sa.Text(), nullable=True),
    sa.Column('assoc_actor_2', sa.Text(), nullable=True),
    sa.Column('assoc_actor_2_ids', sa.Text(), nullable=True),
    sa.Column('inter2', sa.Integer(), nullable=True),
    sa.Column('interaction', sa.Integer(), nullable=True),
    sa.Column('civilian_targeting', sa.Boolean(), nullable=False),
    sa.Column('country', sa.String(length=3), nullable=True),
    sa.Column('admin1', sa.Text(), nullable=True),
    sa.Column('location', sa.Text(), nullable=True),
    sa.Column('place_id', sa.String(length=512), nullable=True),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('geo_precision', sa.Integer(), nullable=True),
    sa.Column('fatalities', sa.Integer(), nullable=True),
    sa.Column('fatalities_low', sa.Integer(), nullable=True),
    sa.Column('fatalities_high', sa.Integer(), nullable=True),
    sa.Column('fatalities_conflict', sa.Boolean(), nullable=False),
    sa.Column('fatalities_reason', sa.Text(), nullable=True),
    sa.Column('n_reports', sa.Integer(), nullable=False),
    sa.Column('n_sources', sa.Integer(), nullable=False),
    sa.Column('sources', sa.Text(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('first_reported', sa.Date(), nullable=True),
    sa.Column('last_reported', sa.Date(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_timestamp', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('event_id_cnty')
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_events_actor1_id'), ['actor1_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_actor2_id'), ['actor2_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_country'), ['country'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_event_date'), ['event_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_event_type'), ['event_type'], unique=False)

    op.create_table('failures',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('origin', sa.String(length=2048), nullable=False),
    sa.Column('stage', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('article_id', sa.String(length=2048), nullable=True),
    sa.Column('first_run_id', sa.Integer(), nullable=False),
    sa.Column('last_run_id', sa.Integer(), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('first_seen', sa.DateTime(), nullable=False),
    sa.Column('last_seen', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('failures', schema=None) as batch_op:
        batch_op.create_index('ix_failures_origin_stage', ['origin', 'stage'], unique=True)

    op.create_table('places',
    sa.Column('id', sa.String(length=512), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('country', sa.String(length=3), nullable=True),
    sa.Column('admin1', sa.Text(), nullable=True),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('feature', sa.String(length=32), nullable=False),
    sa.Column('n_articles', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('relations',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('subject', sa.String(length=512), nullable=False),
    sa.Column('predicate', sa.String(length=32), nullable=False),
    sa.Column('object', sa.String(length=512), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('first_seen', sa.Date(), nullable=True),
    sa.Column('last_seen', sa.Date(), nullable=True),
    sa.Column('n_reports', sa.Integer(), nullable=False),
    sa.Column('n_sources', sa.Integer(), nullable=False),
    sa.Column('n_current', sa.Integer(), nullable=False),
    sa.Column('n_historical', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('subject', 'predicate', 'object')
    )
    with op.batch_alter_table('relations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_relations_object'), ['object'], unique=False)
        batch_op.create_index(batch_op.f('ix_relations_subject'), ['subject'], unique=False)

    op.create_table('runs',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('sitrep_version', sa.String(length=32), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=False),
    sa.Column('finished_at', sa.DateTime(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('sources', sa.Text(), nullable=True),
    sa.Column('workers', sa.Integer(), nullable=False),
    sa.Column('n_read', sa.Integer(), nullable=False),
    sa.Column('n_stored', sa.Integer(), nullable=False),
    sa.Column('n_skipped', sa.Integer(), nullable=False),
    sa.Column('n_duplicates', sa.Integer(), nullable=False),
    sa.Column('n_failed', sa.Integer(), nullable=False),
    sa.Column('n_reports', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('stories',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('first_article_id', sa.String(length=2048), nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('first_published', sa.Date(), nullable=True),
    sa.Column('last_published', sa.Date(), nullable=True),
    sa.Column('n_articles', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('articles',
    sa.Column('id', sa.String(length=2048), nullable=False),
    sa.Column('document_id', sa.String(length=2048), nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('published', sa.Date(), nullable=True),
    sa.Column('source', sa.String(length=512), nullable=True),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('origin', sa.Text(), nullable=True),
    sa.Column('n_chars', sa.Integer(), nullable=False),
    sa.Column('text_sha256', sa.String(length=80), nullable=False),
    sa.Column('story_id', sa.Integer(), nullable=False),
    sa.Column('duplicate_of', sa.String(length=2048), nullable=True),
    sa.Column('similarity', sa.Float(), nullable=True),
    sa.Column('minhash', sa.LargeBinary(), nullable=True),
    sa.Column('n_events', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('ingested_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['run_id'], ['runs.id'], ),
    sa.ForeignKeyConstraint(['story_id'], ['stories.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_articles_published'), ['published'], unique=False)
        batch_op.create_index(batch_op.f('ix_articles_story_id'), ['story_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_articles_text_sha256'), ['text_sha256'], unique=False)

    op.create_table('article_documents',
    sa.Column('article_id', sa.String(length=2048), nullable=False),
    sa.Column('document', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], ),
    sa.PrimaryKeyConstraint('article_id')
    )
    op.create_table('article_entities',
    sa.Column('article_id', sa.String(length=2048), nullable=False),
    sa.Column('entity_id', sa.String(length=512), nullable=False),
    sa.Column('n_mentions', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], ),
    sa.ForeignKeyConstraint(['entity_id'], ['entities.id'], ),
    sa.PrimaryKeyConstraint('article_id', 'entity_id')
    )
    with op.batch_alter_table('article_entities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_article_entities_entity_id'), ['entity_id'], unique=False)

    op.create_table('event_reports',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.String(length=2048), nullable=False),
    sa.Column('document_event_id', sa.String(length=16), nullable=False),
    sa.Column('story_id', sa.Integer(), nullable=True),
    sa.Column('duplicate', sa.Boolean(), nullable=False),
    sa.Column('merge_reason', sa.Text(), nullable=False),
    sa.Column('actors_swapped', sa.Boolean(), nullable=False),
    sa.Column('published', sa.Date(), nullable=True),
    sa.Column('source', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('event_type', sa.String(length=64), nullable=True),
    sa.Column('sub_event_type', sa.String(length=64), nullable=True),
    sa.Column('plover_type', sa.String(length=16), nullable=True),
    sa.Column('plover_mode', sa.String(length=32), nullable=True),
    sa.Column('actor1', sa.String(length=512), nullable=True),
    sa.Column('actor2', sa.String(length=512), nullable=True),
    sa.Column('assoc_actor_1', sa.Text(), nullable=True),
    sa.Column('assoc_actor_2', sa.Text(), nullable=True),
    sa.Column('interaction', sa.Integer(), nullable=True),
    sa.Column('civilian_targeting', sa.Boolean(), nullable=False),
    sa.Column('country', sa.String(length=3), nullable=True),
    sa.Column('admin1', sa.Text(), nullable=True),
    sa.Column('location', sa.Text(), nullable=True),
    sa.Column('place_id', sa.String(length=512), nullable=True),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('geo_precision', sa.Integer(), nullable=True),
    sa.Column('date_start', sa.Date(), nullable=True),
    sa.Column('date_end', sa.Date(), nullable=True),
    sa.Column('date_precision', sa.String(length=16), nullable=True),
    sa.Column('date_text', sa.Text(), nullable=True),
    sa.Column('fatalities', sa.Integer(), nullable=True),
    sa.Column('fatalities_low', sa.Integer(), nullable=True),
    sa.Column('fatalities_high', sa.Integer(), nullable=True),
    sa.Column('certainty', sa.String(length=16), nullable=False),
    sa.Column('attribution_kind', sa.String(length=32), nullable=False),
    sa.Column('attribution_text', sa.Text(), nullable=True),
    sa.Column('attribution_entity', sa.String(length=512), nullable=True),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.Column('evidence_text', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], ),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('article_id', 'document_event_id')
    )
    with op.batch_alter_table('event_reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_reports_article_id'), ['article_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_reports_event_id'), ['event_id'], unique=False)

    op.create_table('relation_evidence',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('relation_id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.String(length=2048), nullable=False),
    sa.Column('story_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('published', sa.Date(), nullable=True),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], ),
    sa.ForeignKeyConstraint(['relation_id'], ['relations.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('relation_evidence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_relation_evidence_article_id'), ['article_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_relation_evidence_relation_id'), ['relation_id'], unique=False)

    op.create_table('statements',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('article_id', sa.String(length=2048), nullable=False),
    sa.Column('speaker', sa.String(length=512), nullable=True),
    sa.Column('speaker_text', sa.Text(), nullable=True),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('direct_quote', sa.Boolean(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=True),
    sa.Column('end', sa.Integer(), nullable=True),
    sa.Column('published', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('statements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_statements_article_id'), ['article_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_statements_speaker'), ['speaker'], unique=False)

    op.execute(ACLED_VIEW)


def downgrade() -> None:
    op.execute("DROP VIEW acled_events")
    with op.batch_alter_table('statements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_statements_speaker'))
        batch_op.drop_index(batch_op.f('ix_statements_article_id'))

    op.drop_table('statements')
    with op.batch_alter_table('relation_evidence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_relation_evidence_relation_id'))
        batch_op.drop_index(batch_op.f('ix_relation_evidence_article_id'))

    op.drop_table('relation_evidence')
    with op.batch_alter_table('event_reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_reports_event_id'))
        batch_op.drop_index(batch_op.f('ix_event_reports_article_id'))

    op.drop_table('event_reports')
    with op.batch_alter_table('article_entities', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_article_entities_entity_id'))

    op.drop_table('article_entities')
    op.drop_table('article_documents')
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_articles_text_sha256'))
        batch_op.drop_index(batch_op.f('ix_articles_story_id'))
        batch_op.drop_index(batch_op.f('ix_articles_published'))

    op.drop_table('articles')
    op.drop_table('stories')
    op.drop_table('runs')
    with op.batch_alter_table('relations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_relations_subject'))
        batch_op.drop_index(batch_op.f('ix_relations_object'))

    op.drop_table('relations')
    op.drop_table('places')
    with op.batch_alter_table('failures', schema=None) as batch_op:
        batch_op.drop_index('ix_failures_origin_stage')

    op.drop_table('failures')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_events_event_type'))
        batch_op.drop_index(batch_op.f('ix_events_event_date'))
        batch_op.drop_index(batch_op.f('ix_events_country'))
        batch_op.drop_index(batch_op.f('ix_events_actor2_id'))
        batch_op.drop_index(batch_op.f('ix_events_actor1_id'))

    op.drop_table('events')
    op.drop_table('entities')
    op.drop_table('countries')
