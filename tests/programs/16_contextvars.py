# contextvars as a web-request example uses it: a default, set/reset with a token, a copied
# context run on its own, and a new thread starting from an empty context.
import contextvars
import threading
request_id = contextvars.ContextVar("request_id", default="-")
user = contextvars.ContextVar("user")
print(request_id.get(), request_id.name)
try:
    user.get()
except LookupError as e:
    print("LookupError", type(e).__name__)
print(user.get("nobody"))
tok = user.set("ada")
print(user.get(), tok.var is user, tok.old_value is contextvars.Token.MISSING, contextvars.Token.MISSING)
def handler(n):
    request_id.set(f"req-{n}")
    return f"{request_id.get()} by {user.get('?')}"
ctx = contextvars.copy_context()
print(ctx.run(handler, 1), request_id.get(), ctx[request_id], request_id in ctx, len(ctx) >= 2)
user.reset(tok)
print(user.get("gone"))
try:
    user.reset(tok)
except RuntimeError as e:
    print("RuntimeError")
out = []
t = threading.Thread(target=lambda: out.append(request_id.get()))
request_id.set("main")
t.start(); t.join()
print(out, request_id.get())
