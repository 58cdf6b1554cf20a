"""The indicator rule engine: the ILO/EC operational indicators, evaluated as the rules file
says, with answers that are present, absent or unknown.

Everything the engine knows comes from the rules document (sets, strengths, the dimension
clauses, the adult and child rules); change the document and the results change, with no
code change. A dimension or a rule is evaluated twice: with every unknown answer taken as
absent (the worst case) and as present (the best case). The rules only use "and" and "or"
over counts that can only grow, so:

- the worst case holds            -> VICTIM: the rule holds with the answers given;
- the best case fails             -> NOT_ESTABLISHED: it fails even if every unknown were present;
- otherwise                       -> INSUFFICIENT_INFORMATION: some unknowns could decide it.

The result supports the professionals' assessment. It never sets anyone's status.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml
from django.utils.translation import gettext as _

DEFAULT_RULES = Path(__file__).with_name("ilo-indicators.yaml")
ADULT_AGE = 18


class RulesError(ValueError):
    """The rules document is not usable; the message says where."""


class AnswerError(ValueError):
    """The answers do not fit the set (an unknown indicator, a value not allowed)."""


class Answer(StrEnum):
    PRESENT = "present"
    ABSENT = "absent"
    UNKNOWN = "unknown"


class Outcome(StrEnum):
    VICTIM = "VICTIM"
    INSUFFICIENT_INFORMATION = "INSUFFICIENT_INFORMATION"
    NOT_ESTABLISHED = "NOT_ESTABLISHED"


class Tri(StrEnum):
    """A dimension (or the act) in three-valued logic."""

    YES = "positive"
    NO = "negative"
    MAYBE = "undetermined"


@dataclass(frozen=True)
class Indicator:
    id: str
    dimension: str
    strength: str  # S, M or W
    text: str


@dataclass(frozen=True)
class IndicatorSet:
    id: str
    name: str
    age_group: str  # adult or child
    exploitation: str
    verified: bool
    use_in_production: str | bool
    indicators: tuple[Indicator, ...]

    def by_id(self) -> dict[str, Indicator]:
        return {i.id: i for i in self.indicators}


@dataclass(frozen=True)
class RuleBook:
    dimensions: dict[str, str]  # id -> name
    sets: dict[str, IndicatorSet]
    clauses: tuple[dict[str, int], ...]
    adult_rule: str
    adult_variants: tuple[str, ...]
    child_rule: str
    child_variants: tuple[str, ...]
    rules_verified: bool
    source: str

    def indicator_set(self, set_id: str) -> IndicatorSet:
        try:
            return self.sets[set_id]
        except KeyError:
            known = ", ".join(sorted(self.sets))
            raise AnswerError(
                _("Unknown indicator set %(set)s (known: %(known)s).")
                % {"set": set_id, "known": known}
            ) from None


_CLAUSE_KEYS = {"strong_min", "medium_min", "weak_min", "medium_or_weak_min"}


def load_rules(path: Path | str | None = None, *, text: str | None = None) -> RuleBook:
    """Reads a rules document (YAML, safe_load only) and checks what the engine relies on."""
    source = str(path or DEFAULT_RULES)
    raw = text if text is not None else Path(source).read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        raise RulesError(f"The rules file is not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise RulesError("The rules file must be a mapping with dimensions, sets, decision_rules.")
    try:
        dimensions = {d["id"]: d["name"] for d in data["dimensions"]}
        rules = data["decision_rules"]
        clauses = tuple(dict(c) for c in rules["dimension_positive"]["any_of"])
        adult, child = rules["victim_adult"], rules["victim_child"]
        sets = {
            set_id: _indicator_set(set_id, body, dimensions)
            for set_id, body in data["sets"].items()
        }
    except (KeyError, TypeError) as exc:
        raise RulesError(f"The rules file lacks a required part: {exc}") from exc
    for clause in clauses:
        if (
            not clause
            or set(clause) - _CLAUSE_KEYS
            or not all(isinstance(v, int) and v >= 0 for v in clause.values())
        ):
            raise RulesError(f"A dimension clause is not understood: {clause}")
    names = set(dimensions) | {"act_present"}
    book = RuleBook(
        dimensions=dimensions, sets=sets, clauses=clauses,
        adult_rule=adult["working_rule"],
        adult_variants=tuple(v for k, v in adult.items() if k.endswith("variant")),
        child_rule=child["working_rule"],
        child_variants=tuple(v for k, v in child.items() if k.endswith("variant")),
        rules_verified=bool(rules.get("verified_against_primary", False)), source=source,
    )  # fmt: skip
    for rule in (book.adult_rule, book.child_rule, *book.adult_variants, *book.child_variants):
        _parse(rule, names)  # refuses a rule the engine could not evaluate soundly
    return book


_in_use: tuple[object, RuleBook, str] | None = None


def rules_in_use() -> tuple[RuleBook, str]:
    """The rules the system evaluates with, and their SHA-256 (kept with every assessment,
    so a result can be traced to the exact rules that gave it): the newest version edited
    in the application, or else the file (ZASTITA_INDICATOR_RULES, or the draft shipped
    with the system). Read again whenever either changes."""
    import hashlib

    from django.conf import settings

    from zastita.identification.models import RulesVersion

    global _in_use
    # Called for every evaluation: only the newest version's id and digest are read; its
    # text is fetched and parsed only when it is not the one already in memory.
    latest = RulesVersion.objects.order_by("-number").values_list("pk", "digest").first()
    if latest is not None:
        marker: object = ("db", *latest)
        if _in_use is None or _in_use[0] != marker:
            text = RulesVersion.objects.values_list("text", flat=True).get(pk=latest[0])
            _in_use = (marker, load_rules(text=text), latest[1])
        return _in_use[1], _in_use[2]
    path = Path(getattr(settings, "ZASTITA_INDICATOR_RULES", "") or DEFAULT_RULES)
    marker = (str(path), path.stat().st_mtime)
    if _in_use is None or _in_use[0] != marker:
        text = path.read_text(encoding="utf-8")
        _in_use = (marker, load_rules(path, text=text), hashlib.sha256(text.encode()).hexdigest())
    return _in_use[1], _in_use[2]


def current_rules_text() -> str:
    from django.conf import settings

    from zastita.identification.models import RulesVersion

    latest = RulesVersion.objects.order_by("-number").values_list("text", flat=True).first()
    if latest is not None:
        return latest
    path = Path(getattr(settings, "ZASTITA_INDICATOR_RULES", "") or DEFAULT_RULES)
    return path.read_text(encoding="utf-8")


def _indicator_set(set_id: str, body: dict[str, Any], dimensions: dict[str, str]) -> IndicatorSet:
    indicators = []
    for item in body.get("indicators") or []:
        indicator = Indicator(item["id"], item["dimension"], item["strength"], item["text"])
        if indicator.dimension not in dimensions or indicator.strength not in ("S", "M", "W"):
            raise RulesError(f"Indicator {indicator.id} has an unknown dimension or strength.")
        indicators.append(indicator)
    if len({i.id for i in indicators}) != len(indicators):
        raise RulesError(f"Set {set_id} repeats an indicator id.")
    return IndicatorSet(
        id=set_id, name=body["name"], age_group=body["age_group"],
        exploitation=body.get("exploitation", ""), verified=bool(body.get("verified", False)),
        use_in_production=body.get("use_in_production", False), indicators=tuple(indicators),
    )  # fmt: skip


# --- rules like "(DR or CR or VR) and EX and (CD or VD)": and/or only, no "not" ---

_TOKEN = re.compile(r"\s*(\(|\)|[A-Za-z_][A-Za-z_0-9]*)")
Expr = tuple[str, Any]


def _parse(rule: str, names: set[str]) -> Expr:
    tokens = []
    position = 0
    while position < len(rule.rstrip()):
        match = _TOKEN.match(rule, position)
        if not match:
            raise RulesError(f"Rule {rule!r}: cannot read it at position {position}.")
        tokens.append(match.group(1))
        position = match.end()
    expr, rest = _or(tokens, rule, names)
    if rest:
        raise RulesError(f"Rule {rule!r}: unexpected {' '.join(rest)!r}.")
    return expr


def _or(tokens: list[str], rule: str, names: set[str]) -> tuple[Expr, list[str]]:
    left, tokens = _and(tokens, rule, names)
    parts = [left]
    while tokens and tokens[0] == "or":
        right, tokens = _and(tokens[1:], rule, names)
        parts.append(right)
    return (("or", tuple(parts)) if len(parts) > 1 else left), tokens


def _and(tokens: list[str], rule: str, names: set[str]) -> tuple[Expr, list[str]]:
    left, tokens = _atom(tokens, rule, names)
    parts = [left]
    while tokens and tokens[0] == "and":
        right, tokens = _atom(tokens[1:], rule, names)
        parts.append(right)
    return (("and", tuple(parts)) if len(parts) > 1 else left), tokens


def _atom(tokens: list[str], rule: str, names: set[str]) -> tuple[Expr, list[str]]:
    if not tokens:
        raise RulesError(f"Rule {rule!r} ends too early.")
    head, rest = tokens[0], tokens[1:]
    if head == "(":
        expr, rest = _or(rest, rule, names)
        if not rest or rest[0] != ")":
            raise RulesError(f"Rule {rule!r}: a parenthesis is not closed.")
        return expr, rest[1:]
    if head == "not":
        raise RulesError(f"Rule {rule!r}: 'not' is not allowed (the outcome must be monotone).")
    if head not in names:
        raise RulesError(f"Rule {rule!r}: unknown name {head!r}.")
    return ("name", head), rest


def _holds(expr: Expr, values: Mapping[str, bool]) -> bool:
    kind, body = expr
    if kind == "name":
        return values[body]
    results = [_holds(part, values) for part in body]
    return all(results) if kind == "and" else any(results)


# --- evaluation ---


@dataclass
class DimensionResult:
    id: str
    name: str
    status: Tri
    present: list[str] = field(default_factory=list)  # the indicators that count now
    unknown: list[str] = field(default_factory=list)  # those that could still count
    clause: dict[str, int] | None = None  # the clause satisfied with the answers given


@dataclass
class Evaluation:
    set_id: str
    set_name: str
    outcome: Outcome
    rule: str
    rule_kind: str  # adult or child
    dimensions: list[DimensionResult]
    act_present: Tri | None
    flags: list[str]
    missing: list[str]  # in words: what could still turn the outcome

    def as_dict(self) -> dict[str, Any]:
        return {
            "set": self.set_id, "set_name": self.set_name, "outcome": self.outcome.value,
            "rule": {"kind": self.rule_kind, "expression": self.rule},
            "act_present": self.act_present.value if self.act_present else None,
            "dimensions": [
                {"id": d.id, "name": d.name, "status": d.status.value, "present": d.present,
                 "unknown_that_could_count": d.unknown, "clause_met": d.clause}
                for d in self.dimensions
            ],
            "flags": self.flags, "missing": self.missing,
        }  # fmt: skip


def _counts(indicators: list[Indicator]) -> dict[str, int]:
    counts = {"S": 0, "M": 0, "W": 0}
    for indicator in indicators:
        counts[indicator.strength] += 1
    return counts


def _clause_holds(clause: dict[str, int], c: dict[str, int]) -> bool:
    have = {
        "strong_min": c["S"], "medium_min": c["M"], "weak_min": c["W"],
        "medium_or_weak_min": c["M"] + c["W"],
    }  # fmt: skip
    return all(have[key] >= minimum for key, minimum in clause.items())


def _dimension(
    book: RuleBook, dim: str, indicators: list[Indicator], answers: Mapping[str, Answer]
) -> DimensionResult:
    own = [i for i in indicators if i.dimension == dim]  # other dimensions never count
    present = [i for i in own if answers.get(i.id, Answer.UNKNOWN) == Answer.PRESENT]
    unknown = [i for i in own if answers.get(i.id, Answer.UNKNOWN) == Answer.UNKNOWN]
    now = _counts(present)
    best = _counts(present + unknown)
    clause = next((c for c in book.clauses if _clause_holds(c, now)), None)
    if clause is not None:
        status = Tri.YES
    elif any(_clause_holds(c, best) for c in book.clauses):
        status = Tri.MAYBE
    else:
        status = Tri.NO
    return DimensionResult(
        id=dim, name=book.dimensions[dim], status=status, present=[i.id for i in present],
        unknown=[i.id for i in unknown] if status == Tri.MAYBE else [], clause=clause,
    )  # fmt: skip


def _outcome(rule: str, book: RuleBook, values: Mapping[str, Tri]) -> Outcome:
    names = set(book.dimensions) | {"act_present"}
    expr = _parse(rule, names)
    worst = {k: v == Tri.YES for k, v in values.items()}
    best = {k: v != Tri.NO for k, v in values.items()}
    if _holds(expr, worst):
        return Outcome.VICTIM
    if not _holds(expr, best):
        return Outcome.NOT_ESTABLISHED
    return Outcome.INSUFFICIENT_INFORMATION


def is_child(age: int | None, age_disputed: bool) -> bool:
    """Under 18, or of unknown or disputed age: the child rule applies."""
    return age_disputed or age is None or age < ADULT_AGE


def evaluate(
    book: RuleBook, set_id: str, answers: Mapping[str, str], *, age: int | None = None,
    age_disputed: bool = False, act_present: bool | None = None,
    unanswered: Answer = Answer.UNKNOWN,
) -> Evaluation:  # fmt: skip
    """Evaluates one set. Indicators not answered count as `unanswered` (unknown unless the
    caller says otherwise); an answer naming an indicator outside the set is an error, not
    silently ignored."""
    indicator_set = book.indicator_set(set_id)
    known = indicator_set.by_id()
    parsed: dict[str, Answer] = {}
    for indicator_id, value in answers.items():
        if indicator_id not in known:
            raise AnswerError(
                _("%(id)s is not an indicator of set %(set)s.")
                % {"id": indicator_id, "set": set_id}
            )
        try:
            parsed[indicator_id] = Answer(value)
        except ValueError:
            raise AnswerError(
                _("%(id)s: the answer must be present, absent or unknown.") % {"id": indicator_id}
            ) from None
    for indicator_id in known:
        parsed.setdefault(indicator_id, unanswered)
    indicators = list(indicator_set.indicators)
    dims = [_dimension(book, d, indicators, parsed) for d in book.dimensions]
    values: dict[str, Tri] = {d.id: d.status for d in dims}
    act = Tri.MAYBE if act_present is None else (Tri.YES if act_present else Tri.NO)
    values["act_present"] = act
    child = is_child(age, age_disputed)
    rule, variants = (
        (book.child_rule, book.child_variants) if child else (book.adult_rule, book.adult_variants)
    )
    outcome = _outcome(rule, book, values)
    flags = []
    if not indicator_set.verified:
        flags.append("UNVERIFIED_SET")
    if indicator_set.use_in_production is False:
        flags.append("NOT_FOR_PRODUCTION")
    if not book.rules_verified:
        flags.append("UNVERIFIED_RULES")
    if child and (age is None or age_disputed):
        flags.append("PRESUMED_MINOR")
    if (indicator_set.age_group == "child") != child:
        flags.append("SET_FOR_OTHER_AGE_GROUP")
    if any(_outcome(v, book, values) != outcome for v in variants):
        flags.append("REVIEW_RULE_DIVERGENCE")
    missing = []
    if outcome == Outcome.INSUFFICIENT_INFORMATION:
        missing += [f"{d.id}: {', '.join(d.unknown)}" for d in dims if d.status == Tri.MAYBE]
        if child and act == Tri.MAYBE and "act_present" in rule:
            missing.append("act_present: recruitment, transport, transfer, harbouring or receipt")
    return Evaluation(
        set_id=set_id, set_name=indicator_set.name, outcome=outcome, rule=rule,
        rule_kind="child" if child else "adult", dimensions=dims,
        act_present=act if child else None, flags=flags, missing=missing,
    )  # fmt: skip
