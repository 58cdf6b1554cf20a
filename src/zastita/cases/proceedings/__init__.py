"""Proceedings on the case: the police, prosecution and court cases the person takes part in,
copied from the identification when the case opens, with every change kept as history."""
