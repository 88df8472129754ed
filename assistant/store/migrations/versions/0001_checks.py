"""The store of checks (first release of the store).

Revision ID: 0001_checks
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "0001_checks"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "checks",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("claim", sa.Text, nullable=False),
        sa.Column("normalized", sa.Text, nullable=False),
        sa.Column("verdict", sa.String(32), nullable=False),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("result_json", sa.Text, nullable=False),
        sa.Column("index_version", sa.String(200), nullable=False, server_default=""),
        sa.Column("engine_version", sa.String(200), nullable=False, server_default=""),
        sa.Column("asked_by", sa.String(200), nullable=False, server_default=""),
        sa.Column("embedding", sa.LargeBinary, nullable=True),
    )
    op.create_index("ix_checks_normalized", "checks", ["normalized"])


def downgrade() -> None:
    op.drop_index("ix_checks_normalized", "checks")
    op.drop_table("checks")
