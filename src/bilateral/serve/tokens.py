"""API tokens: a secret shown once, only its SHA-256 hash kept in the store (table api_tokens)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import select, update

from ..errors import TokenError
from ..store import Store
from ..store import schema as S

PREFIX = "blt_"


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class TokenInfo:
    id: str
    name: str
    created_at: str
    revoked_at: str | None
    last_used_at: str | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None

    def to_dict(self) -> dict:
        return {**self.__dict__, "active": self.active}


class Tokens:
    """Create, list, check and revoke the tokens of one store."""

    def __init__(self, store: Store):
        self.store = store

    def create(self, name: str) -> tuple[TokenInfo, str]:
        """A new token: its record and the secret, which is shown once and never stored."""
        name = name.strip() or "unnamed"
        secret = PREFIX + secrets.token_urlsafe(32)
        info = TokenInfo(secrets.token_hex(4), name, _now(), None, None)
        with self.store.engine.begin() as conn:
            conn.execute(S.api_tokens.insert().values(
                id=info.id, name=info.name, hash=token_hash(secret), created_at=info.created_at,
            ))
        return info, secret

    def list(self) -> list[TokenInfo]:
        t = S.api_tokens.c
        with self.store.engine.connect() as conn:
            rows = conn.execute(
                select(t.id, t.name, t.created_at, t.revoked_at, t.last_used_at).order_by(t.created_at, t.id)
            ).all()
        return [TokenInfo(*r) for r in rows]

    def revoke(self, token_id: str) -> TokenInfo:
        t = S.api_tokens.c
        with self.store.engine.begin() as conn:
            done = conn.execute(
                update(S.api_tokens).where(t.id == token_id, t.revoked_at.is_(None)).values(revoked_at=_now())
            ).rowcount
        found = [i for i in self.list() if i.id == token_id]
        if not found:
            raise TokenError(token_id, "no such token", hint="bilateral token list shows the ids")
        if not done:
            raise TokenError(token_id, f"already revoked on {found[0].revoked_at}")
        return found[0]

    def check(self, secret: str) -> str | None:
        """The id of the active token with this secret, or None."""
        if not secret.startswith(PREFIX) or len(secret) > 200:
            return None
        t = S.api_tokens.c
        with self.store.engine.connect() as conn:
            row = conn.execute(
                select(t.id).where(t.hash == token_hash(secret), t.revoked_at.is_(None))
            ).first()
        return row[0] if row else None

    def active(self, token_id: str) -> bool:
        t = S.api_tokens.c
        with self.store.engine.connect() as conn:
            return conn.execute(select(t.id).where(t.id == token_id, t.revoked_at.is_(None))).first() is not None

    def touch(self, token_id: str) -> None:
        with self.store.engine.begin() as conn:
            conn.execute(update(S.api_tokens).where(S.api_tokens.c.id == token_id).values(last_used_at=_now()))
