"""Broadsheet: typesets a Chinese daily newspaper into a print-ready PDF."""
