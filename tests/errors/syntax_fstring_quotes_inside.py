scores = {"ann": 3}
print(f"ann has {scores["ann"]} points")
