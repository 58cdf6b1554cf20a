"""The access log's record-type filter offers the kinds of record in words, in Serbian
alphabetical order; a code that is not on the list is refused at the field."""

from __future__ import annotations

from zastita.audit.models import Action
from zastita.audit.services import audit_record
from zastita.core.collation import sort_key

from ..conftest import sign_in


def _options(page: str) -> list[tuple[str, str]]:
    select = page.split('name="object_type"', 1)[1].split("</select>", 1)[0]
    options = []
    for chunk in select.split("<option")[1:]:
        value = chunk.split('value="', 1)[1].split('"', 1)[0]
        options.append((value, chunk.split(">", 1)[1].split("</option>", 1)[0].strip()))
    return options


def test_record_types_are_offered_in_words_and_in_serbian_order(client, dpo_user):
    sign_in(client, dpo_user)
    options = _options(client.get("/audit/access-log/").content.decode())
    assert options[0] == ("", "сви записи")
    labels = [label for _value, label in options[1:]]
    assert ("person", "особа") in options
    assert labels == sorted(labels, key=sort_key)
    assert all(label != value for value, label in options[1:])


def test_filtering_by_a_record_type(client, dpo_user, worker_user):
    audit_record(action=Action.VIEW, actor=worker_user, object_type="person", object_id=11)
    audit_record(action=Action.VIEW, actor=worker_user, object_type="report", object_id=987654)
    sign_in(client, dpo_user)
    page = client.get("/audit/access-log/", {"object_type": "person"}).content.decode()
    table = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert "особа 11" in table
    assert "987654" not in table  # (a short id could be part of a date)


def test_a_record_type_not_on_the_list_is_refused_at_its_field(client, dpo_user):
    sign_in(client, dpo_user)
    response = client.get("/audit/access-log/", {"object_type": "no_such_kind"})
    assert response.status_code == 200
    assert response.context["form"].errors["object_type"]
    assert 'id="id_object_type_error"' in response.content.decode()
