# collections.ChainMap: layered settings, as a course builds a config lookup.
from collections import ChainMap
defaults = {"color": "red", "user": "guest", "size": 1}
env = {"user": "ada"}
cli = {}
cfg = ChainMap(cli, env, defaults)
print(cfg["user"], cfg["color"], cfg.get("missing", "-"), len(cfg), list(cfg), "size" in cfg)
print(cfg, list(cfg.items()), sorted(cfg.keys()), list(cfg.values()))
cfg["color"] = "blue"
print(cli, defaults["color"], cfg["color"])
child = cfg.new_child({"size": 3})
print(child["size"], child.parents["size"], child.maps[0], len(child.maps))
try:
    del cfg["user"]
except KeyError as e:
    print("KeyError:", e)
try:
    cfg["nope"]
except KeyError as e:
    print("KeyError:", e)
print(cfg.pop("color"), cfg, bool(ChainMap()), ChainMap(), ChainMap.fromkeys("ab", 0))
print(cfg | {"z": 1}, {"q": 0} | cfg, dict(cfg) == {**defaults, **env}, cfg == dict(cfg))
cfg |= {"w": 2}
print(cfg.maps[0], cfg.copy(), isinstance(cfg, dict))
cfg.clear(); print(cfg)
try:
    ChainMap().popitem()
except KeyError as e:
    print("KeyError:", e)
