class ParseError(Exception):
    pass

def tokenize(s):
    tokens = []
    i = 0
    while i < len(s):
        ch = s[i]
        if ch == " ":
            i += 1
        elif ch.isdigit() or ch == ".":
            j = i
            while j < len(s) and (s[j].isdigit() or s[j] == "."):
                j += 1
            text = s[i:j]
            tokens.append(("num", float(text) if "." in text else int(text)))
            i = j
        elif ch in "+-*/()%^":
            tokens.append(("op", ch))
            i += 1
        else:
            raise ParseError(f"unexpected character {ch!r} at {i}")
    tokens.append(("end", None))
    return tokens

class Parser:
    def __init__(self, tokens):
        self.tokens = tokens
        self.pos = 0

    def peek(self):
        return self.tokens[self.pos]

    def advance(self):
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok

    def expr(self):
        v = self.term()
        while self.peek() in (("op", "+"), ("op", "-")):
            op = self.advance()[1]
            r = self.term()
            v = v + r if op == "+" else v - r
        return v

    def term(self):
        v = self.factor()
        while self.peek()[0] == "op" and self.peek()[1] in "*/%":
            op = self.advance()[1]
            r = self.factor()
            if op == "*":
                v *= r
            elif op == "/":
                v /= r
            else:
                v %= r
        return v

    def factor(self):
        base = self.unary()
        if self.peek() == ("op", "^"):
            self.advance()
            return base ** self.factor()
        return base

    def unary(self):
        if self.peek() == ("op", "-"):
            self.advance()
            return -self.unary()
        return self.atom()

    def atom(self):
        kind, val = self.advance()
        if kind == "num":
            return val
        if (kind, val) == ("op", "("):
            v = self.expr()
            if self.advance() != ("op", ")"):
                raise ParseError("expected )")
            return v
        raise ParseError(f"unexpected token {val!r}")

def calc(s):
    p = Parser(tokenize(s))
    v = p.expr()
    if p.peek()[0] != "end":
        raise ParseError("trailing input")
    return v

for e in ["1 + 2 * 3", "(1 + 2) * 3", "2 ^ 3 ^ 2", "-4 + 10 / 4", "17 % 5 * 2", "2 ^ 100", "1.5 * (2 - 0.5)", "((7))", "1 / 0", "2 +", "3 $ 4", "(1 + 2"]:
    try:
        print(f"{e} = {calc(e)}")
    except ParseError as err:
        print(f"{e} -> ParseError: {err}")
    except ZeroDivisionError as err:
        print(f"{e} -> ZeroDivisionError: {err}")
