# Helper for grades_import_syntax.py: a module with a syntax error.
def curve(score):
    return score +* 5
