"""Serbian date formats (FORMAT_MODULE_PATH): "30. новембра 2026.", the month in the genitive.

Django's own Serbian formats write "30. новембар 2026." (the nominative, `F`); `E` is the
month's alternative form, which the project's catalogue gives in the genitive
(msgctxt "alt. month")."""
