import argparse
p = argparse.ArgumentParser(prog="grp", description="Short.", epilog="Bye %(prog)s.",
                            formatter_class=argparse.ArgumentDefaultsHelpFormatter)
p.add_argument("--alpha", type=int, default=3, help="alpha value")
p.add_argument("--beta", default="b")
p.add_argument("files", nargs="*", help="files")
g = p.add_argument_group("tuning", "Knobs for tuning the thing.")
g.add_argument("--very-long-option-name-indeed", metavar="VALUE", help="a long one")
g.add_argument("--k", nargs=2, type=int, help="two ints")
g.add_argument("--plus", nargs="+", help="one or more")
p.add_argument("--version", action="version", version="%(prog)s 1.2")
p.add_argument("--secret", help=argparse.SUPPRESS)
p.parse_args()
