"""Review queue and the append-only audit trail; checks get the interface they came from (``via``).

Revision ID: 0002_reviews_audit
Revises: 0001_checks
"""
import sqlalchemy as sa
from alembic import op

revision = "0002_reviews_audit"
down_revision = "0001_checks"
branch_labels = None
depends_on = None

_PG_APPEND_ONLY = """
CREATE OR REPLACE FUNCTION claimcheck_audit_append_only() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'the audit trail is append-only'; END; $$ LANGUAGE plpgsql;
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit
FOR EACH ROW EXECUTE FUNCTION claimcheck_audit_append_only();
"""


def upgrade() -> None:
    with op.batch_alter_table("checks") as batch:
        batch.add_column(sa.Column("via", sa.String(20), nullable=False, server_default=""))
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("check_id", sa.Integer, sa.ForeignKey("checks.id"), nullable=False, unique=True),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
        sa.Column("reason", sa.String(100), nullable=False),
        sa.Column("claim", sa.Text, nullable=False),
        sa.Column("normalized", sa.Text, nullable=False),
        sa.Column("machine_verdict", sa.String(32), nullable=False),
        sa.Column("machine_confidence", sa.Float, nullable=False),
        sa.Column("verdict", sa.String(32), nullable=False),
        sa.Column("explanation", sa.Text, nullable=False, server_default=""),
        sa.Column("missing_context", sa.Text, nullable=False, server_default=""),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("reviewer", sa.String(200), nullable=False, server_default=""),
        sa.Column("reviewed_at", sa.String(32), nullable=False, server_default=""),
        sa.Column("published_at", sa.String(32), nullable=False, server_default=""),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    )
    op.create_index("ix_reviews_status", "reviews", ["status"])
    op.create_index("ix_reviews_normalized", "reviews", ["normalized"])
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("who", sa.String(200), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("review_id", sa.Integer, nullable=True),
        sa.Column("check_id", sa.Integer, nullable=True),
        sa.Column("before_json", sa.Text, nullable=False, server_default="{}"),
        sa.Column("after_json", sa.Text, nullable=False, server_default="{}"),
    )
    op.create_index("ix_audit_review", "audit", ["review_id"])
    if op.get_bind().dialect.name == "sqlite":
        for event in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER audit_no_{event.lower()} BEFORE {event} ON audit "
                       "BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END")
    elif op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_APPEND_ONLY)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_no_delete")
    elif op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_append_only ON audit")
        op.execute("DROP FUNCTION IF EXISTS claimcheck_audit_append_only()")
    op.drop_table("audit")
    op.drop_table("reviews")
    with op.batch_alter_table("checks") as batch:
        batch.drop_column("via")
