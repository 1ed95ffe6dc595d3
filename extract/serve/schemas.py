"""Request and response bodies of the HTTP API (pydantic models; FastAPI reads their types)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from extract.enrich import DEFAULT_THRESHOLD
from extract.enrich.times import parse_instant

MAX_TOP = 50


def _iso_or_none(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    if parse_instant(value) is None:
        raise ValueError("not an ISO 8601 date or date-time")
    return value.strip()


class ExtractRequest(BaseModel):
    """A text to extract mentions from."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, description="The plain text.")
    lang: Literal["de", "en"] | None = Field(None, description="Detected per block when absent.")
    published: str | None = Field(None, description="ISO 8601: the anchor of relative times.")
    title: str | None = None
    id: str = Field("text", description="Used as `doc` in the mentions.")

    _published = field_validator("published")(_iso_or_none)


class ExtractResponse(BaseModel):
    """The mentions, as the contract's JSON objects."""

    mentions: list[dict[str, Any]]


class EnrichRequest(BaseModel):
    """A ticket, and how many candidate incidents to return."""

    model_config = ConfigDict(
        extra="ignore",
        json_schema_extra={
            "examples": [
                {
                    "id": "SR-1042",
                    "created": "2023-07-18T09:40:00+02:00",
                    "subject": "Mails an externe Empfänger kommen zurück",
                    "body": "Mails kommen zurück mit 503 5.5.1, seit heute früh, betrifft Kollegen in UK",
                }
            ]
        },
    )

    id: str = Field(min_length=1, max_length=200)
    created: str | None = Field(None, description="ISO 8601; anchors 'seit gestern Abend' etc.")
    subject: str = ""
    body: str = ""
    service: str | None = None
    region: str | None = None
    top: int = Field(3, ge=1, le=MAX_TOP)
    threshold: float = Field(DEFAULT_THRESHOLD, ge=0.0, le=1.0)
    include_candidates: bool = Field(False, description="Also return candidates below the threshold.")

    _created = field_validator("created")(_iso_or_none)


class LinkOut(BaseModel):
    """One ranked candidate incident."""

    ticket_id: str
    rank: int
    incident_id: str | None
    incident_key: str
    score: float
    linked: bool
    evidence: list[str]
    summary: str


class EnrichResponse(BaseModel):
    """The ranked incidents of a ticket."""

    ticket_id: str
    threshold: float
    links: list[LinkOut]


class IncidentResponse(BaseModel):
    """An incident node with its status updates (oldest first)."""

    incident: dict[str, Any]
    summary: str
    updates: list[dict[str, Any]]


class ErrorDetail(BaseModel):
    status: int
    code: str
    message: str
    details: Any = None


class ErrorResponse(BaseModel):
    """Every error response of the service has this body."""

    error: ErrorDetail
