"""The person registry: encrypted identities, search by any spelling, duplicates and merge."""
