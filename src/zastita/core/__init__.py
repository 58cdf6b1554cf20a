"""Shared foundations: base model, errors, crypto, transliteration, request context, UI shell."""
