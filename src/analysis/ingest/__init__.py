"""Reading: the CSV files, the plan texts and what can be read off them (sections, numbers,
agency notes, the completeness scan). Pure functions of the files; no warehouse, no checks."""
