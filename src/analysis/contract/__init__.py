"""The data contract: what each file and table holds, and how a problem with it is reported.

Every other stage imports from here; nothing here imports from another stage.
"""
