"""Settings: one frozen object passed explicitly through the stages, validated at the edge."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from extract.errors import ExtractError

PREFER_DATES_FROM = ("past", "future")


class SettingsError(ExtractError):
    """A setting has a value outside its allowed range."""


@dataclass(frozen=True, slots=True)
class Settings:
    """How a run behaves. Every field has a safe default."""

    prefer_dates_from: str = "past"
    keep_authors: bool = False
    author_key: str | None = None  # key for pseudonymizing comment authors
    near_duplicate_threshold: float = 90.0  # rapidfuzz ratio (0-100) for near-duplicate texts
    minhash_num_perm: int = 128
    minhash_seed: int = 1
    workers: int = 1

    def __post_init__(self) -> None:
        if self.prefer_dates_from not in PREFER_DATES_FROM:
            raise SettingsError(
                f"prefer_dates_from = {self.prefer_dates_from!r}; allowed: {', '.join(PREFER_DATES_FROM)}"
            )
        if not 0.0 < self.near_duplicate_threshold <= 100.0:
            raise SettingsError(f"near_duplicate_threshold = {self.near_duplicate_threshold} not in (0, 100]")
        if self.workers < 1:
            raise SettingsError(f"workers = {self.workers}; must be at least 1")

    def with_(self, **changes: Any) -> Settings:
        """Return a copy with some fields changed (validated again)."""
        return replace(self, **changes)


DEFAULT_SETTINGS = Settings()
