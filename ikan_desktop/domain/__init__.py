"""Pure Python: the Number Framework, interview scripts, students, tags and judgement.

Nothing here imports Qt, SQL or any other part of the package.
"""
