for word in ["a", "b"]   
    print(word)
