"""Analysing: one module per chapter, named as its notebook. Each function takes a read-only
warehouse connection and returns data frames with codes and separate Chinese and English
columns; wording, labels and charts belong to the site package."""
