def helper(n):
    return [i * n for i in range(4)]

def main():
    print("running main")
    print(helper(3))
    print(__name__)

if __name__ == "__main__":
    main()
else:
    print("imported")
print("module level end", __name__ == "__main__")
