"""Serbian (Cyrillic) names the project gives where pycountry's Serbian catalogue has none.

pycountry leaves these in English (its catalogue predates the name, or never had it); a name
shown in English on a Serbian page is a bug. The Latin forms are derived from these, as the
rest of the interface is. Keys are the codes the records store.
"""

from __future__ import annotations

COUNTRIES: dict[str, str] = {
    "TR": "Турска",  # pycountry's English name changed to "Türkiye"; the Serbian one did not
}

LANGUAGES: dict[str, str] = {
    "chu": "црквенословенски",
    "div": "дивехи",
    "ell": "грчки",
    "fry": "западнофризијски",
    "gla": "шкотски гелски",
    "glg": "галицијски",
    "hat": "хаићански",
    "hbs": "српскохрватски",
    "hmo": "хири моту",
    "iii": "сечуански ји",
    "kal": "гренландски",
    "khm": "кмерски",
    "lim": "лимбуршки",
    "ltz": "луксембуршки",
    "mah": "маршалски",
    "msa": "малајски",
    "nav": "навахо",
    "nbl": "јужни ндебеле",
    "nde": "северни ндебеле",
    "nep": "непалски",
    "nob": "норвешки букмол",
    "nya": "чичева",
    "oci": "окситански",
    "ori": "одија",
    "oss": "осетински",
    "pan": "пенџапски",
    "roh": "реторомански",
    "rom": "ромски",  # the catalogue's older name is not the one Roma use
    "sme": "северни сами",
    "sot": "сесото",
    "swa": "свахили",
    "vol": "волапик",
    "zha": "џуаншки",
}
