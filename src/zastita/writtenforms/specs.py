"""A spec's versions as data: the YAML text the head of service edits (heading, sections with
guidance and required flags, the key section), checked before it is saved, with the line
and the reason of what is wrong.

The texts are written in English in version 1 (the msgids of the translations); a text the
head of service writes is shown as written (gettext gives back what it does not know)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml
from django.utils import translation
from django.utils.translation import gettext as _

from zastita.core.registries.writtenforms import FormSpec, Section

KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
MAX_SECTIONS = 40


class SpecError(ValueError):
    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"{line}: {reason}")
        self.line = line
        self.reason = reason


@dataclass(frozen=True)
class ParsedSpec:
    heading: str
    sections: tuple[Section, ...]
    key_section: str

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(s.key for s in self.sections)

    def required_keys(self) -> tuple[str, ...]:
        return tuple(s.key for s in self.sections if s.required or s.key == self.key_section)

    def shown(self) -> ParsedSpec:
        """The same, its texts in the page's language where a translation exists."""
        return ParsedSpec(
            heading=_(self.heading) if self.heading else "",
            key_section=self.key_section,
            sections=tuple(
                Section(
                    s.key, _(str(s.label)), _(str(s.guidance)) if s.guidance else "", s.required
                )
                for s in self.sections
            ),
        )


def render(spec: FormSpec) -> str:
    """Version 1 of a registered spec as YAML (its texts in English, the msgids)."""
    with translation.override("en"):
        data: dict[str, Any] = {
            "heading": str(spec.heading),
            "key_section": spec.key_section,
            "sections": [
                {
                    "key": s.key,
                    "label": str(s.label),
                    "guidance": str(s.guidance),
                    "required": bool(s.required or s.key == spec.key_section),
                }
                for s in spec.sections
            ],
        }
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=88)


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _mapping(node: yaml.Node, what: str) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        raise SpecError(_line(node), _("%(what)s must be a mapping (key: value).") % {"what": what})
    out: dict[str, yaml.Node] = {}
    for key, value in node.value:
        name = key.value if isinstance(key, yaml.ScalarNode) else ""
        if name in out:
            raise SpecError(_line(key), _("“%(key)s” is given twice.") % {"key": name})
        out[name] = value
    return out


def _text(node: yaml.Node | None, name: str, line: int, *, optional: bool = False) -> str:
    if node is None or (isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null")):
        if optional:
            return ""
        raise SpecError(line, _("“%(key)s” is missing.") % {"key": name})
    if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
        if optional and isinstance(node, yaml.ScalarNode):
            return ""
        raise SpecError(_line(node), _("“%(key)s” must be a text.") % {"key": name})
    return str(node.value).strip()


def parse(text: str) -> ParsedSpec:
    """Reads a spec (YAML, safe loader) and checks it; SpecError names the line."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark is not None else 1
        reason = getattr(exc, "problem", None) or str(exc)
        raise SpecError(line, _("not valid YAML: %(reason)s") % {"reason": reason}) from exc
    if root is None:
        raise SpecError(1, _("The spec is empty."))
    top = _mapping(root, _("The spec"))
    unknown = set(top) - {"heading", "sections", "key_section"}
    if unknown:
        name = sorted(unknown)[0]
        key_node = next(k for k, _v in root.value if k.value == name)
        raise SpecError(_line(key_node), _("“%(key)s” is not known.") % {"key": name})
    heading = _text(top.get("heading"), "heading", 1, optional=True)
    sections_node = top.get("sections")
    if not isinstance(sections_node, yaml.SequenceNode) or not sections_node.value:
        line = _line(sections_node) if sections_node is not None else 1
        raise SpecError(line, _("“sections” must be a list of at least one section."))
    if len(sections_node.value) > MAX_SECTIONS:
        raise SpecError(_line(sections_node), _("Too many sections."))
    sections: list[Section] = []
    for item in sections_node.value:
        body = _mapping(item, _("A section"))
        line = _line(item)
        unknown = set(body) - {"key", "label", "guidance", "required"}
        if unknown:
            raise SpecError(line, _("“%(key)s” is not known.") % {"key": sorted(unknown)[0]})
        key = _text(body.get("key"), "key", line)
        if not KEY.match(key):
            raise SpecError(
                _line(body["key"]),
                _("A section's key is lower-case letters, digits and “_”: “%(key)s”.")
                % {"key": key},
            )
        if key in {s.key for s in sections}:
            raise SpecError(_line(body["key"]), _("“%(key)s” is given twice.") % {"key": key})
        required_node = body.get("required")
        required = False
        if required_node is not None:
            if not (isinstance(required_node, yaml.ScalarNode)
                    and required_node.tag.endswith(":bool")):  # fmt: skip
                raise SpecError(_line(required_node), _("“required” is true or false."))
            required = str(required_node.value).lower() in ("true", "yes", "on")
        sections.append(Section(
            key, _text(body.get("label"), "label", line),
            _text(body.get("guidance"), "guidance", line, optional=True), required,
        ))  # fmt: skip
    key_node = top.get("key_section")
    key_section = _text(key_node, "key_section", 1)
    if key_section not in {s.key for s in sections}:
        raise SpecError(
            _line(key_node) if key_node is not None else 1,
            _("The key section “%(key)s” is not one of the sections.") % {"key": key_section},
        )
    return ParsedSpec(heading=heading, sections=tuple(sections), key_section=key_section)
