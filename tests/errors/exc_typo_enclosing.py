def outer():
    outer_value = 1
    def inner():
        return outer_valu
    return inner()
outer()
