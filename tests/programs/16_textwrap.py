# textwrap (CPython's own module over gilvm's re): fill, wrap, shorten, dedent, indent, TextWrapper.
import textwrap
s = "The quick brown fox jumps over the lazy dog. " * 4 + "Supercalifragilisticexpialidocious-is-a-very-long-word indeed."
print(textwrap.fill(s, width=30))
print(textwrap.wrap(s, 20)[:5])
print(textwrap.shorten(s, width=50, placeholder=" [...]"))
print(textwrap.dedent("""
    def f():
        return 1
"""))
print(textwrap.indent("a\nb\n\nc", "> "))
w = textwrap.TextWrapper(width=25, initial_indent="* ", subsequent_indent="  ", break_on_hyphens=False)
print(w.fill(s))
print(textwrap.fill("a-b-c-d-e-f-g-h " * 5, 12))
