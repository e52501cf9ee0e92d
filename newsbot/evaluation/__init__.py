"""Scoring newsbot against labelled corpora (`newsbot eval`)."""
