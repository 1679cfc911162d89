def load(config):
    try:
        return config["port"]
    except KeyError:
        raise ValueError("port missing from config")


print("loading")
load({})
