# Rounding invoice lines to the cent inside a local context of 6 digits: a total that needs
# more digits than the context's precision cannot be quantized, and the C module raises
# InvalidOperation naming the bare signal; the traceback has no frames of decimal itself.
from decimal import Decimal, localcontext, ROUND_HALF_UP

CENT = Decimal("0.01")


def to_cents(amount):
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def invoice(lines):
    with localcontext() as ctx:
        ctx.prec = 6
        for name, qty, price in lines:
            total = to_cents(Decimal(qty) * Decimal(price))
            print(f"{name:<8}{qty:>4} x {price:>8} = {total:>10}")


invoice([("pens", 12, "0.455"), ("paper", 3, "4.999"), ("laptops", 9, "1299.995")])
