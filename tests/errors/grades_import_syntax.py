# Importing a module that does not compile.
print("importing")
import grades_syntax_helper
