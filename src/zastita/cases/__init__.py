"""Protection: the case after identification (случај), one person's protection (L4)."""
