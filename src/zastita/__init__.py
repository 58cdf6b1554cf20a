"""Zastita: the information system of the Center for Protection of Victims of Human Trafficking."""
