"""Serbian Cyrillic: the long date with the month in the genitive ("30. новембра 2026.")."""

DATE_FORMAT = "j. E Y."
DATETIME_FORMAT = "j. E Y. H:i"
MONTH_DAY_FORMAT = "j. E"
