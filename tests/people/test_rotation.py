"""Key rotation: batches, resumable, search working throughout, old keys removable after."""

from __future__ import annotations

import base64
import io
import json

import pytest
from django.core.management import call_command
from django.test import override_settings

from zastita.people.identity import Identity, unseal, unseal_reason
from zastita.people.models import IdentityReveal, Person, PersonSearchKey
from zastita.people.rotation import pending, rotate
from zastita.people.selectors import person_search
from zastita.people.services import person_reveal

K1 = base64.b64encode(b"1" * 32).decode()
K2 = base64.b64encode(b"2" * 32).decode()


def ring(active: str, **keys: str) -> str:
    return json.dumps({"active": active, "keys": keys})


@pytest.fixture
def registry(worker_user, register):
    with override_settings(ZASTITA_KEYS=ring("k1", k1=K1)):
        people = [
            register(Identity(first_name="Ђорђе", last_name=f"Јовановић{i}"), birth_year=1990)
            for i in range(5)
        ]
        child = register(Identity(first_name="Лена", last_name="Костић"), birth_year=2015)
        person_reveal(actor=worker_user, person=child, reason="разлог за приказ имена детета")
    return [*people, child]


def test_rotation_is_resumable_and_search_works_throughout(worker_user, registry):
    with override_settings(ZASTITA_KEYS=ring("k2", k1=K1, k2=K2)):
        assert pending() == 6
        assert rotate(batch_size=2, limit=3) == 3  # interrupted after three
        assert pending() == 3
        keys = set(Person.objects.values_list("identity_key_id", flat=True))
        assert keys == {"k1", "k2"}
        # Mixed keys: every person is still found.
        assert len(person_search(actor=worker_user, text="djordje")) == 5
        assert rotate(batch_size=2) == 3  # resumed
        assert pending() == 0
        assert set(PersonSearchKey.objects.values_list("key_id", flat=True)) == {"k2"}
    # The old key can now be removed: everything reads and is found under k2 alone.
    with override_settings(ZASTITA_KEYS=ring("k2", k2=K2)):
        assert len(person_search(actor=worker_user, text="Đorđe")) == 5
        person = Person.objects.get(pk=registry[0].pk)
        assert unseal(person.identity, person.code).first_name == "Ђорђе"
        reveal = IdentityReveal.objects.get()
        assert reveal.reason.startswith("k2:")
        assert unseal_reason(reveal.reason, reveal.person.code).startswith("разлог")


def test_keys_add_and_rotate_commands(tmp_path, registry):
    path = tmp_path / "keys.json"
    path.write_text(ring("k1", k1=K1))
    with override_settings(ZASTITA_KEYS="", ZASTITA_KEYS_FILE=str(path)):
        out = io.StringIO()
        call_command("keys", "add", stdout=out)
        data = json.loads(path.read_text())
        assert data["active"] == "k2"
        assert set(data["keys"]) == {"k1", "k2"}
        assert oct(path.stat().st_mode & 0o777) == "0o600"
        out, err = io.StringIO(), io.StringIO()
        call_command("keys", "rotate", "--batch", "4", stdout=out, stderr=err)
        assert "Rotated 6 persons; 0 left" in out.getvalue()
        assert "6/6" in err.getvalue()
        again = io.StringIO()
        call_command("keys", "rotate", stdout=again)
        assert "Rotated 0 persons; 0 left" in again.getvalue()
        assert "keep older keys in the key file" in again.getvalue()


def test_a_merged_records_numbers_survive_rotation(worker_user, make_user, register):
    import datetime

    from zastita.people.services import person_merge

    from .test_validators import make_jmbg

    day = datetime.date(1985, 7, 3)
    jmbg = next(j for s in range(999) if (j := make_jmbg(day, 71, s)))
    with override_settings(ZASTITA_KEYS=ring("k1", k1=K1)):
        kept = register(Identity(first_name="Ана", last_name="Илић"), birth_year=1985)
        other = register(Identity(last_name="Ilic", jmbg=jmbg, birth_date=day), birth_year=None)
        person_merge(actor=make_user("head_of_service"), kept=kept, absorbed=other)
    with override_settings(ZASTITA_KEYS=ring("k2", k1=K1, k2=K2)):
        rotate()
    with override_settings(ZASTITA_KEYS=ring("k2", k2=K2)):
        assert [c.person for c in person_search(actor=worker_user, text=jmbg)] == [kept]


def test_authenticator_keys_are_sealed_again_and_recovery_codes_reported(worker_user):
    from zastita.accounts.models import SealedTOTPDevice
    from zastita.accounts.services import mfa_new_recovery_codes, mfa_reseal

    with override_settings(ZASTITA_KEYS=ring("k1", k1=K1)):
        device = SealedTOTPDevice.issue(user=worker_user, name="rotated", confirmed=True)
        key = device.bin_key
        mfa_new_recovery_codes(user=worker_user)
    with override_settings(ZASTITA_KEYS=ring("k2", k1=K1, k2=K2)):
        resealed, unopened, older_codes = mfa_reseal(batch_size=1)
        # The fixture's own device is under the test key, which this key file lacks.
        assert (resealed, unopened, older_codes) == (1, 1, 1)
    with override_settings(ZASTITA_KEYS=ring("k2", k2=K2)):
        device.refresh_from_db()
        assert device.sealed_key.startswith("k2:")
        assert device.bin_key == key
