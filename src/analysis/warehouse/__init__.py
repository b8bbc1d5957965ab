"""Loading: the validated data, the cleaned texts and what is parsed from them, into DuckDB;
the views the analyses share are plain SQL files beside the loader."""
