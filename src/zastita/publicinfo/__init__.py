"""The public "need help?" pages (L5), to come with the partners and public issue.

The package exists before its pages so that `make lint`'s contract (publicinfo imports core
only: no path from the public pages to personal data) holds from its first line.
"""
