"""Reads for the person registry: search by any spelling, duplicates, masking by role."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from zastita.accounts.models import User
from zastita.core.errors import PermissionDenied
from zastita.core.selectors import get_for_actor
from zastita.people.identity import Identity, digest, folded_tokens, unseal
from zastita.people.models import Person, PersonRelation, PersonSearchKey, RelationKind
from zastita.people.normalise import (
    MIN_INDEXED,
    PREFIX_LENGTHS,
    fold,
    name_pairs,
    name_tokens,
    words_match,
)
from zastita.people.rules import person_scope

MAX_RESULTS = 50
MAX_CANDIDATES = 500


@dataclass(frozen=True)
class PersonCard:
    """What a list shows of a person: the name only where the actor may see it."""

    person: Person
    name: str | None  # None: masked (no identity access, or a child's or sealed file)
    reasons: tuple[str, ...] = ()
    # False: a match outside the searcher's scope, shown only by its code and the fact of a
    # match; opening it asks for a stated reason (break-the-glass).
    in_scope: bool = True


@dataclass(frozen=True)
class Query:
    tokens: tuple[str, ...]
    birth_year: int | None
    jmbg: str | None


def parse_query(text: str) -> Query:
    year = jmbg = None
    words = []
    for word in text.split():
        if re.fullmatch(r"\d{13}", word):
            jmbg = word
        elif re.fullmatch(r"(19|20)\d\d", word):
            year = int(word)
        else:
            words.append(word)
    return Query(tokens=tuple(fold(" ".join(words)).split()), birth_year=year, jmbg=jmbg)


def _digests(kind: str, value: str) -> list[str]:
    # Every key id in use, so that search keeps working while keys are being rotated.
    from zastita.core.crypto import keyring

    return [digest(kind, value, key_id)[1] for key_id in keyring().keys]


def _ids_for_token(token: str, birth_year: int | None) -> set[int]:
    """Persons whose name is, or begins with, `token` (and born in `birth_year`, if given):
    one range scan of the (digest, birth_year) index per digest."""
    digests = _digests("name", token)
    if len(token) >= PREFIX_LENGTHS[0]:
        digests += _digests("prefix", token[: PREFIX_LENGTHS[-1]])
    keys = PersonSearchKey.objects.filter(digest__in=digests)
    if birth_year:
        keys = keys.filter(birth_year=birth_year)
    return set(keys.values_list("person_id", flat=True))


def _lookup_tokens(query: Query) -> list[str]:
    """The typed words that select candidates from the index. A word of three letters or
    more is looked up as a name or a name's beginning; shorter ones (an initial "М.", a
    two-letter start "Ма") are only checked in memory against the candidates the others
    found. When nothing longer was typed, two-letter words are looked up as whole names
    (Ив, Ли); initials alone select nothing."""
    long = [t for t in query.tokens if len(t) >= PREFIX_LENGTHS[0]]
    if long or query.jmbg:
        return long
    return [t for t in query.tokens if len(t) >= MIN_INDEXED]


def _shown_name(actor: User, person: Person, identity: Identity) -> str | None:
    if not actor.has_perm("people.view_identity"):
        return None
    if person.is_child or person.sealed:
        return None
    return identity.display_name


def person_search(*, actor: User, text: str) -> list[PersonCard]:
    """Candidates come from the blind indexes; each is decrypted in memory only to confirm
    that every typed word begins one of its names."""
    if not actor.has_perm("people.search"):
        raise PermissionDenied(object_type="person_search")
    query = parse_query(text)
    lookup = _lookup_tokens(query)
    if not lookup and not query.jmbg:
        return []  # initials alone ("М."): too vague to search the registry by
    # The rarest word first would be ideal; sets are small once the year narrows them.
    sets = [_ids_for_token(token, query.birth_year) for token in lookup]
    if query.jmbg:
        sets.append(
            set(
                PersonSearchKey.objects.filter(digest__in=_digests("jmbg", query.jmbg)).values_list(
                    "person_id", flat=True
                )
            )
        )
    # A vague query (a common first name, no year) is bounded to the newest candidates.
    ids = sorted(set.intersection(*sets) if sets else set(), reverse=True)[:MAX_CANDIDATES]
    qs = Person.objects.filter(pk__in=ids, merged_into__isnull=True)
    if query.birth_year:
        qs = qs.filter(birth_year=query.birth_year)
    matches = []
    for person in qs.order_by("-pk"):
        identity = unseal(person.identity, person.code)
        if words_match(query.tokens, folded_tokens(identity)):
            matches.append((person, identity))
        if len(matches) >= MAX_RESULTS:
            break
    return _scoped_cards(actor, matches)


def _scoped_cards(
    actor: User, matches: list[tuple[Person, Identity]], reasons: dict[int, set[str]] | None = None
) -> list[PersonCard]:
    """Every match is a card (finding a duplicate protects a person); a name only within the
    searcher's scope (one query for the whole list)."""
    ids = [person.pk for person, _identity in matches]
    mine = set(Person.objects.filter(person_scope(actor), pk__in=ids).values_list("pk", flat=True))
    cards = []
    for person, identity in matches:
        seen = person.pk in mine
        cards.append(PersonCard(
            person, _shown_name(actor, person, identity) if seen else None,
            tuple(sorted((reasons or {}).get(person.pk, ()))), in_scope=seen,
        ))  # fmt: skip
    return cards


def person_duplicates(
    *, actor: User, identity: Identity, birth_year: int | None
) -> list[PersonCard]:
    """Likely duplicates of a person about to be registered: the same ЈМБГ or date of birth,
    or two names in common (names and aliases), the year of birth agreeing where known."""
    if not actor.has_perm("people.create"):
        raise PermissionDenied(object_type="person_duplicates")
    found: dict[int, set[str]] = {}

    def add(kind: str, value: str, reason: str) -> None:
        keys = PersonSearchKey.objects.filter(digest__in=_digests(kind, value))
        for pid in keys.values_list("person_id", flat=True):
            found.setdefault(pid, set()).add(reason)

    if identity.jmbg:
        add("jmbg", identity.jmbg, "jmbg")
    if identity.birth_date:
        add("dob", identity.birth_date.isoformat(), "birth_date")
    tokens = name_tokens(*identity.names())
    if tokens:
        # Two name words in common (one, for a person known by a single name): the pair keys
        # make it one range of the index, however common each word is on its own.
        pairs = name_pairs(tokens)
        digests = [d for pair in pairs for d in _digests("pair", pair)] or _digests(
            "name", tokens[0]
        )
        keys = PersonSearchKey.objects.filter(digest__in=digests)
        if birth_year:
            # The same year, or none recorded: one or two ranges of the (digest, year) index.
            keys = keys.filter(Q(birth_year=birth_year) | Q(birth_year__isnull=True))
        shared = keys.order_by("-person_id").values_list("person_id", flat=True)
        for pid in shared[:MAX_CANDIDATES]:
            found.setdefault(pid, set()).add("name")
    if not found:
        return []
    people = Person.objects.filter(pk__in=found, merged_into__isnull=True)
    matches = []
    for person in people:
        reasons = found[person.pk]
        if reasons == {"birth_date"}:
            continue  # a shared date of birth alone is no duplicate
        if reasons == {"name"} and birth_year and person.birth_year not in (None, birth_year):
            continue
        matches.append((person, unseal(person.identity, person.code)))
    cards = _scoped_cards(actor, matches, found)
    return sorted(cards, key=lambda c: -len(c.reasons))


def person_get_for_actor(*, actor: User, person_id: int) -> Person:
    return get_for_actor(
        Person.objects.all(), person_id, actor=actor, perm="people.view", object_type="person"
    )


def person_by_code(*, actor: User, code: str) -> Person | None:
    if not actor.has_perm("people.search"):
        raise PermissionDenied(object_type="person")
    return Person.objects.filter(code=code.strip().upper()).first()


def person_cards(*, actor: User, people: list[Person]) -> list[PersonCard]:
    return _scoped_cards(actor, [(p, unseal(p.identity, p.code)) for p in people])


@dataclass(frozen=True)
class RelationRow:
    relation: PersonRelation
    relative: PersonCard
    # The relation read from the relative's side: "mother of", "guardian of".
    inverse: bool


def person_relations(*, actor: User, person: Person) -> list[RelationRow]:
    """Current and ended relations in both directions, relatives masked like any card."""
    if not actor.has_perm("people.search"):
        raise PermissionDenied(object_type="person_relation")
    rows = []
    own = PersonRelation.objects.filter(person=person).select_related("relative", "appointed_by")
    for relation in own:
        rows.append(RelationRow(relation, person_cards(actor=actor, people=[relation.relative])[0],
                                inverse=False))  # fmt: skip
    others = PersonRelation.objects.filter(relative=person).select_related("person")
    for relation in others:
        rows.append(RelationRow(relation, person_cards(actor=actor, people=[relation.person])[0],
                                inverse=True))  # fmt: skip
    return rows


def needs_guardian(person: Person) -> bool:
    """A child with no current legal or temporary guardian recorded."""
    return (
        person.is_child
        and not PersonRelation.objects.filter(
            person=person, kind__in=RelationKind.guardians(), ended_on__isnull=True
        ).exists()
    )


@dataclass(frozen=True)
class RevealRow:
    pk: int
    person: Person
    actor: User
    created_at: datetime.datetime
    reason: str


def reveal_list(*, actor: User, days: int = 90) -> list[RevealRow]:
    """Identity reveals of the last `days`, with their reasons, for the head of service."""
    from zastita.people.identity import unseal_reason
    from zastita.people.models import IdentityReveal

    if not actor.has_perm("people.review_reveals"):
        raise PermissionDenied(object_type="identity_reveal_list")
    since = timezone.now() - datetime.timedelta(days=days)
    rows = IdentityReveal.objects.filter(created_at__gte=since).select_related("person", "actor")
    return [
        RevealRow(r.pk, r.person, r.actor, r.created_at, unseal_reason(r.reason, r.person.code))
        for r in rows
    ]


def merged_family(person_id: int) -> list[int]:
    """The one person a record stands for: the record it was merged into (followed to the
    end), and every record merged into that one, at any depth. The kept record first."""
    kept = Person.objects.filter(pk=person_id).values_list("pk", "merged_into_id").first()
    seen: set[int] = set()
    while kept is not None and kept[1] is not None and kept[0] not in seen:
        seen.add(kept[0])
        kept = Person.objects.filter(pk=kept[1]).values_list("pk", "merged_into_id").first()
    if kept is None:
        return [person_id]
    family, frontier = [kept[0]], [kept[0]]
    while frontier:
        frontier = [
            pk
            for pk in Person.objects.filter(merged_into__in=frontier).values_list("pk", flat=True)
            if pk not in family
        ]
        family.extend(frontier)
    return family


def person_for_subject_access(*, actor: User, code: str) -> Person | None:
    """The record a code names; a merged record answers with the one it was merged into."""
    if not actor.has_perm("people.export_subject"):
        raise PermissionDenied(object_type="subject_access")
    person = Person.objects.filter(code=code.strip().upper()).first()
    while person is not None and person.merged_into_id:
        person = Person.objects.filter(pk=person.merged_into_id).first()
    return person
