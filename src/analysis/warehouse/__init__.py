"""Loading and reading DuckDB: the validated data, the cleaned texts and what is parsed from
them, loaded by one writer (load); the views the analyses share as plain SQL files; and the one
`connect()` every reader uses (connection).

Put here what writes or opens the warehouse; keep out what decides whether it must be written
again (pipeline/rebuild) and any hashing: the recorded hashes come validated from the data.
"""
