"""Page make-up (组版): stories without a place placed on the grid by a CP-SAT solver, from
shapes measured by the page composer (`layout/page/measure.py`)."""
