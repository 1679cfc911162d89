case = [0, 0]
case[0]: int = 5
case[1] = 7
print(case)
case = {"a": 1}
case["a"]: int
print(case)


def classify(value):
    match value:
        case int():
            case = "int"
        case str():
            case = "str"
        case _:
            case = "other"
    return case


print(classify(3), classify("x"), classify(2.0))


def nested(cmd):
    match cmd.split():
        case [verb, *rest]:
            match verb:
                case "go": return "going " + " ".join(rest)
                case _: return "unknown " + verb
        case []:
            return "nothing"


print(nested("go north"), nested("jump"), nested(""))
