"""Official documents: issued once, numbered in a register, stored, never regenerated."""
