"""Generate realistic synthetic archives of incident communications as contract JSONL records.

German and English blog posts with reader comments, quoting Microsoft 365 service-health posts
(admin-center shares, NHSmail-style alerts, @MSFT365Status tweets) and Statuspage incident
histories. Phrasing comes from real sources and is varied: the bundled sample post
(data/samples/*.txt: its status-post sentences, comment style) and GitHub's Statuspage history
(../shared/corpus/structured/github_statuspage_incidents.jsonl: update bodies, components).
IDs, dates, names, error codes, services and regions are drawn per document. Same seed, same
bytes.

    python benchmarks/archive_gen.py --size-mb 10 --out benchmarks/data/archive-10mb.jsonl
"""

from __future__ import annotations

import argparse
import html
import json
import random
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
STATUSPAGE = ROOT.parent / "shared" / "corpus" / "structured" / "github_statuspage_incidents.jsonl"

# (prefix, service, features) as Microsoft's service health names them.
M365_SERVICES = (
    ("EX", "Exchange Online", ("E-Mail and calendar access", "delivery", "Mail flow", "Free/busy")),
    ("TM", "Microsoft Teams", ("Teams Components", "Meetings", "Chat")),
    ("SP", "SharePoint Online", ("SharePoint Features", "Search")),
    ("OD", "OneDrive for Business", ("Sync", "File access")),
    ("MO", "Microsoft 365 suite", ("Portal", "Administration")),
    ("DZ", "Microsoft Defender for Office 365", ("Alerts", "Quarantine")),
    ("CP", "Microsoft 365 Copilot", ("Copilot Chat",)),
)
STATUSES = (
    ("Investigating", "Untersuchung"),
    ("Service degradation", "Dienstbeeinträchtigung"),
    ("Service interruption", "Dienstunterbrechung"),
    ("Restoring service", "Dienst wird wiederhergestellt"),
    ("Extended recovery", "Erweiterte Wiederherstellung"),
    ("Service restored", "Dienst wiederhergestellt"),
)
ERROR_CODES = (
    '"503 5.5.1 Bad sequence of commands"',
    "550 5.7.708 Service unavailable. Access denied, traffic not accepted from this IP",
    "451 4.7.500 Server busy. Please try again later",
    "554 5.6.211 Invalid MIME Content",
    "550 5.4.1 Recipient address rejected: Access denied",
    "AADSTS50126: Error validating credentials due to invalid username or password",
    "HTTP 503 Service Unavailable",
    "Fehler 0x80070005 (Zugriff verweigert)",
    "error 0x8004010F",
    "HTTP-Fehler 500",
)
REGIONS_DE = (
    "DACH",
    "Deutschland",
    "Österreich",
    "der Schweiz",
    "Großbritannien",
    "Europa",
    "weltweit",
    "Nordamerika",
)
REGIONS_EN = (
    "the UK",
    "Germany",
    "Europe",
    "North America",
    "the EMEA region",
    "Australia",
    "worldwide",
    "APAC",
)
CLOUD_REGIONS = (
    "West Europe",
    "North Europe",
    "East US",
    "europe-west3",
    "eu-central-1",
    "Germany West Central",
)
FIRST_NAMES = (
    "Tom",
    "Andreas",
    "Martin",
    "Sabine",
    "Jürgen",
    "Petra",
    "Dave",
    "Claire",
    "Stefan",
    "Nina",
    "Oliver",
    "Anja",
)
HANDLES = (
    "viebrix",
    "JohnRipper",
    "McClane",
    "Tom801",
    "LR",
    "Wil B.",
    "Gast",
    "admin42",
    "chris_it",
    "Knut",
    "Rainer S.",
    "Mia",
)
DE_MONTHS = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)
DE_WEEKDAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")

DE_INTRO = (
    "Am heutigen {day_de} scheint seit dem Morgen eine Störung in Microsofts Cloud-Dienst {service} zu geben. Blog-Leser berichten, dass {symptom_de}.",
    "Seit {time_de} Uhr deutscher Zeit häufen sich Meldungen über Probleme mit {service}. Betroffen sind wohl vor allem Nutzer in {region_de}.",
    "Kurze Information für Administratoren: {service} hat seit gestern Abend Probleme, {symptom_de}. Microsoft untersucht den Vorfall unter {iid}.",
    "Es gibt mal wieder eine Störung bei {service}. Auf Störungsseiten finden sich verschiedene Hinweise auf Probleme, und auch das Social Media Team von Microsoft schreibt, dass man Berichten über Störungen nachgehe.",
)
DE_SYMPTOMS = (
    "E-Mails blockiert würden",
    "sich Nutzer nicht anmelden können",
    "Nachrichten verzögert zugestellt werden",
    "Besprechungen nicht beitreten werden kann",
    "Dateien nicht synchronisiert werden",
)
DE_REPORT = (
    "Die erste Information erreichte mich von Blog-Leser {handle}, der im Diskussionsbereich einen Kommentar hinterließ: Bei {service} rattert es mal wieder {iid} {code} vor allem scheint es {region_de} zu betreffen.",
    "Ein Leser schrieb mir per Mail, dass seit ca. {time_de} Uhr beim Versand der Fehler {code} auftrete.",
    "Laut Microsoft ist die Ursache bekannt, ein Fix werde ausgerollt. Im Admin Center ist der Vorfall als {iid} eingetragen.",
    "Auf Seiten wie allestörungen.de gibt es ab ca. {time_de} Uhr einen Anstieg der Störungsmeldungen, wobei das mit einem Peak von {n} Meldungen pro Zeiteinheit eher minimal ist.",
)
DE_CLOSING = (
    "Jemand von euch betroffen?",
    "Ergänzung: Inzwischen meldet Microsoft, dass das Problem behoben sei.",
    "Ich werde den Beitrag aktualisieren, sobald es neue Informationen gibt.",
)
EN_INTRO = (
    "Microsoft is investigating an outage affecting {service} users in {region_en}. Since {time_en} UTC, {symptom_en}.",
    "{service} is down for some customers this morning, with reports that {symptom_en}. The incident is tracked as {iid} in the Microsoft 365 admin center.",
    "Admins report that {symptom_en}. Microsoft confirmed the issue on its status account and says a fix is being deployed.",
)
EN_SYMPTOMS = (
    "users are unable to send or receive email",
    "sign-ins fail with {code}",
    "messages are queued and delivered late",
    "meetings cannot be joined",
    "files fail to sync",
)
EN_REPORT = (
    "According to user reports, the problems started around {time_en} and mostly affect tenants in {region_en}.",
    "Affected users see the error {code} when trying to connect.",
    "Microsoft says the issue is limited to a subset of infrastructure in {cloud_region}.",
)
EN_CLOSING = (
    "We will update this article as more information becomes available.",
    "Update: Microsoft says the issue has been resolved.",
)
DE_COMMENTS = (
    "Bei uns seit heute früh das gleiche Problem, {code}.",
    "Fast alle unsere Kunden waren betroffen ({region_de}). Kurz nach {hour} war die Störung gem. Microsoft behoben.",
    "Ich kann das nicht mal in unserem Admin Portal finden. Es existiert schlicht weg nicht in meinem Dienststatus.",
    "Mir selbst sind keine Probleme aufgefallen, Mails funktionierten eigentlich wie gewohnt.",
    "Gestern ist uns nichts aufgefallen, aber dafür gibt es heute seit ca. {hour} Uhr viele Störungen mit {service}.",
    "Nicht wirklich. Und es traf auch nicht alle. Im Admin Center steht {iid}.",
)
EN_COMMENTS = (
    "Same here since this morning, {code}.",
    "Our tenant in {region_en} was affected too, resolved around {hour}:00 UTC.",
    "Nothing in our service health dashboard yet.",
    "Microsoft support told us to wait for the fix to roll out.",
)


@cache
def sample_status_sentences() -> tuple[str, ...]:
    """The 'Current status' sentences of the bundled sample posts (real vendor phrasing)."""
    found: list[str] = []
    for path in sorted(SAMPLES.glob("*.txt")):
        for match in re.finditer(r"^Current status: (.+)$", path.read_text(encoding="utf-8"), re.MULTILINE):
            found.append(match.group(1).strip())
    return tuple(dict.fromkeys(found)) or (
        "We're investigating a potential issue and checking for impact to your organization.",
    )


@cache
def statuspage_incidents() -> tuple[dict[str, Any], ...]:
    """GitHub's Statuspage incidents that have update bodies."""
    if not STATUSPAGE.exists():
        return ()
    incidents = []
    with STATUSPAGE.open(encoding="utf-8") as handle:
        for line in handle:
            incident = json.loads(line)["incident"]
            if incident.get("incident_updates"):
                incidents.append(incident)
    return tuple(incidents)


@dataclass
class Incident:
    """One synthetic Microsoft 365 incident."""

    iid: str
    service: str
    feature: str
    start: datetime
    code: str
    region_de: str
    region_en: str
    cloud_region: str


def _strip_html(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", text)).replace("  ", " ").strip()


def _de_day(moment: datetime) -> str:
    return f"{moment.day}. {DE_MONTHS[moment.month - 1]} {moment.year}"


def _en_long(moment: datetime) -> str:
    return f"{moment:%A}, {moment:%B} {moment.day}, {moment.year}, at {moment:%I:%M %p} UTC"


class Generator:
    """Draws documents from a seeded random source."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.count = 0

    def incident(self) -> Incident:
        rng = self.rng
        prefix, service, features = rng.choice(M365_SERVICES)
        start = datetime(2021, 1, 1, tzinfo=UTC) + timedelta(minutes=rng.randrange(4 * 365 * 24 * 60))
        return Incident(
            iid=f"{prefix}{rng.randrange(100000, 1299999)}",
            service=service,
            feature=rng.choice(features),
            start=start,
            code=rng.choice(ERROR_CODES),
            region_de=rng.choice(REGIONS_DE),
            region_en=rng.choice(REGIONS_EN),
            cloud_region=rng.choice(CLOUD_REGIONS),
        )

    def fill(self, template: str, inc: Incident, moment: datetime) -> str:
        values = {
            "service": inc.service,
            "iid": inc.iid,
            "code": inc.code,
            "region_de": inc.region_de,
            "region_en": inc.region_en,
            "cloud_region": inc.cloud_region,
            "day_de": _de_day(moment),
            "time_de": f"{(moment.hour + 1) % 24:02d}:{moment.minute:02d}",
            "time_en": f"{moment:%H:%M}",
            "hour": str((moment.hour + self.rng.randrange(1, 4)) % 24),
            "handle": self.rng.choice(HANDLES),
            "n": str(self.rng.randrange(10, 900)),
        }
        values["symptom_de"] = self.rng.choice(DE_SYMPTOMS)
        values["symptom_en"] = self.rng.choice(EN_SYMPTOMS).format(**values)
        return template.format(**values)

    def m365_share(self, inc: Incident, updates: int, lang: str) -> str:
        """An admin-center post as readers paste it: a share line, then one block per update."""
        rng = self.rng
        status = rng.choice(STATUSES)
        title = f"Users may be unable to access {inc.feature.lower()} in {inc.service}"
        lines = [
            f"Share: Incident: {inc.iid}, impacted service: {inc.service}, impacted feature: {inc.feature}, "
            f"current status is: {status[0]}",
            "",
        ]
        moment = inc.start + timedelta(hours=rng.randrange(2, 30))
        for _ in range(updates):
            sentence = rng.choice(sample_status_sentences()).replace("Exchange Online", inc.service)
            labels = (
                ("Published Time", "Title", "User impact", "Current status", "Start time", "Next update by")
                if lang == "en" or rng.random() < 0.6
                else (
                    "Veröffentlicht",
                    "Titel",
                    "Benutzerauswirkung",
                    "Aktueller Status",
                    "Startzeit",
                    "Nächstes Update bis",
                )
            )
            lines += [
                f"{labels[0]}: {moment:%d.%m.%Y %H:%M:%S}",
                "",
                f"{labels[1]}: {title}",
                "",
                f"{labels[2]}: Users may be unable to use {inc.feature.lower()} and may see {inc.code}.",
                "",
                f"{labels[3]}: {sentence}",
                "",
                f"Scope of impact: This issue may affect any user in {inc.region_en} served through {inc.cloud_region}.",
                "",
                f"{labels[4]}: {_en_long(inc.start)}",
                "",
                f"{labels[5]}: {_en_long(moment + timedelta(hours=2))}",
                "",
            ]
            moment -= timedelta(minutes=rng.randrange(40, 240))
        return "\n".join(lines)

    def nhs_alert(self, inc: Incident) -> str:
        """An NHSmail-style alert quoting Microsoft's reference."""
        rng = self.rng
        posted = inc.start + timedelta(hours=rng.randrange(1, 6))
        return "\n\n".join(
            [
                f"Microsoft 365 Alert – Service Degradation – {inc.service} – Some users may be unable to use {inc.feature.lower()} – ONGOING",
                f"{posted:%d/%m/%Y %I:%M:%S %p} (GMT)",
                f"NHSmail Reference : INC{rng.randrange(10**7, 10**8)}",
                f"Microsoft Reference : {inc.iid}",
                "Issue Status : ONGOING",
                f"More info : Affected users may receive the following error {inc.code}",
                f"Current Update : {posted + timedelta(hours=1):%d/%m/%Y %I:%M:%S %p} – {rng.choice(sample_status_sentences())}",
            ]
        )

    def tweet(self, inc: Incident) -> str:
        return (
            f"We're investigating an issue where some users may be unable to use {inc.feature.lower()} in "
            f"{inc.service}. Further details can be found under {inc.iid} in the admin center."
        )

    def comments(self, inc: Incident, lang: str, title: str) -> str:
        """A comment thread in the blog's style: numbered comments, bulleted replies."""
        rng = self.rng
        n = rng.randrange(0, 9)
        if n == 0:
            return ""
        verb, header = (
            ("sagt", f"{n} Antworten zu {title}") if lang == "de" else ("says", f"{n} Responses to {title}")
        )
        pool = DE_COMMENTS if lang == "de" else EN_COMMENTS
        lines = [header, ""]
        number = 0
        for _ in range(n):
            body = self.fill(rng.choice(pool), inc, inc.start)
            if number and rng.random() < 0.3:
                lines += [f"    • {rng.choice(HANDLES)} {verb}:", "", f"      {body}", ""]
            else:
                number += 1
                lines += [f"  {number}. {rng.choice(HANDLES)} {verb}:", "", f"    {body}", ""]
        lines.append("Schreibe einen Kommentar" if lang == "de" else "Leave a Reply")
        return "\n".join(lines)

    def blog_post(self) -> dict[str, Any]:
        rng = self.rng
        inc = self.incident()
        lang = "de" if rng.random() < 0.6 else "en"
        published = inc.start + timedelta(hours=rng.randrange(1, 20))
        if lang == "de":
            title = f"{inc.service}: Störung {inc.iid} ({published.day}.{published.month}.{published.year})"
            body = [
                self.fill(rng.choice(DE_INTRO), inc, inc.start),
                self.fill(rng.choice(DE_REPORT), inc, inc.start),
            ]
            body.append(
                "Auf Twitter meldet @MSFT365Status ebenfalls, dass man Meldungen zu einer Störung nachgehe:"
            )
        else:
            title = f"{inc.service} outage: {inc.iid} ({published:%B} {published.day}, {published.year})"
            body = [
                self.fill(rng.choice(EN_INTRO), inc, inc.start),
                self.fill(rng.choice(EN_REPORT), inc, inc.start),
            ]
            body.append("The Microsoft 365 Status account tweeted:")
        body.append(self.tweet(inc))
        quotes = rng.sample(("share", "alert", "statuspage"), k=rng.randrange(1, 3))
        for quote in quotes:
            if quote == "share":
                body.append(
                    "Hier der Auszug aus dem Statusbereich:" if lang == "de" else "The admin center says:"
                )
                body.append(self.m365_share(inc, rng.randrange(1, 8), lang))
            elif quote == "alert":
                body.append(self.nhs_alert(inc))
            elif statuspage_incidents():
                body.append(
                    "Auch GitHub meldete Probleme:" if lang == "de" else "GitHub reported problems, too:"
                )
                body.append(self.statuspage_text(published))
        body.append(self.fill(rng.choice(DE_CLOSING if lang == "de" else EN_CLOSING), inc, inc.start))
        text = f"{title}\n\n" + "\n\n".join(body) + "\n\n"
        text += self.comments(inc, lang, title)
        return self.record(title, text, published, lang)

    def statuspage_text(self, around: datetime) -> str:
        """A Statuspage incident as its history page shows it, moved to another time."""
        rng = self.rng
        incident = rng.choice(statuspage_incidents())
        updates = incident["incident_updates"]
        created = datetime.fromisoformat(updates[-1]["display_at"].replace("Z", "+00:00"))
        shift = around - created - timedelta(minutes=rng.randrange(0, 600))
        components = sorted({c["name"] for u in updates for c in (u.get("affected_components") or [])})
        lines = [incident["name"], ""]
        for update in updates:
            when = datetime.fromisoformat(update["display_at"].replace("Z", "+00:00")) + shift
            lines += [
                f"{update['status'].title()} - {_strip_html(update['body'])}",
                f"Posted {when:%b %d, %Y - %H:%M} UTC",
                "",
            ]
        if components:
            lines.append("This incident affected: " + ", ".join(components) + ".")
        lines.append(f"https://stspg.io/{rng.getrandbits(40):x}")
        return "\n".join(lines)

    def status_history(self) -> dict[str, Any]:
        """An English status-history page: one Statuspage incident on its own."""
        published = datetime(2019, 1, 1, tzinfo=UTC) + timedelta(
            minutes=self.rng.randrange(5 * 365 * 24 * 60)
        )
        text = self.statuspage_text(published)
        title = text.split("\n", 1)[0]
        return self.record(f"GitHub Status – {title}", f"GitHub Status – {text}\n", published, "en")

    def record(self, title: str, text: str, published: datetime, lang: str) -> dict[str, Any]:
        self.count += 1
        slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60]
        record = {
            "id": f"synth-{self.count:07d}-{slug}",
            "title": title,
            "url": f"https://blog.example.{'de' if lang == 'de' else 'com'}/{published:%Y/%m/%d}/{slug}/",
            "published": published.isoformat(timespec="seconds"),
            "author": self.rng.choice(FIRST_NAMES),
            "text": text,
        }
        if self.rng.random() < 0.3:
            record["lang"] = lang
        return record

    def document(self) -> dict[str, Any]:
        return (
            self.blog_post()
            if self.rng.random() < 0.8 or not statuspage_incidents()
            else self.status_history()
        )


def generate(size_bytes: int, seed: int = 7) -> list[str]:
    """Return JSONL lines until their total size reaches ``size_bytes``."""
    generator = Generator(seed)
    lines: list[str] = []
    total = 0
    while total < size_bytes:
        line = json.dumps(generator.document(), ensure_ascii=False) + "\n"
        lines.append(line)
        total += len(line.encode("utf-8"))
    return lines


def write_archive(path: Path, size_mb: float, seed: int = 7) -> Path:
    """Write an archive of about ``size_mb`` megabytes (10**6 bytes) unless it is already there."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = "".join(generate(int(size_mb * 1_000_000), seed)).encode("utf-8")
    if not path.exists() or path.read_bytes() != data:
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mb", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    path = write_archive(args.out, args.size_mb, args.seed)
    print(f"{path}: {path.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
